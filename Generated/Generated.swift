// The Generated module: Swift that `swift run spec2swift` writes from specs/, one folder per API
// (Gcore/, Lockbox/, Cloudflare/). Those files are rewritten on every run; this file is not
// generated, and keeps the target from being empty before the first run.
