import APIChanges
import Testing

@Suite struct ManifestTests {}
