import Foundation

/// The manifest as a file in the output folder, beside the code it describes: a Swift file of
/// comments only (so that SwiftPM compiles it to nothing and warns about no unknown file), one
/// construct a line as a JSON object with its keys in a fixed order, in printable ASCII. A change to
/// the API changes the lines of the constructs it touches, and nothing else.
public enum ManifestFile {
    /// The line that marks a manifest, after the generated-file header.
    public static let marker = "// spec2swift API manifest, format 1."

    /// The manifest's path in the output folder: beside the namespace's file, under a name no type or
    /// group file can have (a Swift name has no `-`).
    public static func path(namespace: String) -> String {
        namespace + "/" + namespace + ".api-manifest.swift"
    }

    /// The file's text after its generated-file header.
    public static func text(_ manifest: APIManifest) -> String {
        var text = marker + "\n"
        text += "//\n"
        text += "// The Swift API of this folder, one construct a line. It declares nothing: the next regeneration\n"
        text += "// compares against it to say what changed for callers, and so does `spec2swift changes`.\n"
        text += "//\n"
        // One byte buffer for the whole file (Gcore Cloud's is 2.6 MB): building each line as a string
        // of its own, or appending to a String, took longer than building the manifest.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(manifest.entries.count * 256)
        for entry in manifest.entries {
            bytes.append(contentsOf: "// ".utf8)
            append(entry, to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return text + String(decoding: bytes, as: UTF8.self)
    }

    static func line(_ entry: ManifestEntry) -> String {
        var bytes: [UInt8] = []
        append(entry, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func append(_ entry: ManifestEntry, to line: inout [UInt8]) {
        // Keys are plain ASCII, so they are written as they are; values go through JSONText.
        func key(_ key: StaticString) {
            line.append(contentsOf: ",\"".utf8)
            line.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            line.append(contentsOf: "\":".utf8)
        }
        func add(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            key(name)
            JSONText.append(value, to: &line)
        }
        func flag(_ name: StaticString, _ value: Bool) {
            guard value else { return }
            key(name)
            line.append(contentsOf: "true".utf8)
        }
        line.append(contentsOf: "{\"kind\":".utf8)
        JSONText.append(entry.kind.rawValue, to: &line)
        line.append(contentsOf: ",\"name\":".utf8)
        JSONText.append(entry.name, to: &line)
        add("shape", entry.shape)
        add("carriers", entry.carriers?.rawValue)
        add("type", entry.type)
        flag("optional", entry.optional)
        flag("nullable", entry.nullable)
        flag("threeState", entry.threeState)
        flag("defaulted", entry.defaulted)
        flag("computed", entry.computed)
        flag("deprecated", entry.deprecated)
        add("default", entry.defaultValue)
        add("wire", entry.wire)
        add("version", entry.version)
        add("doc", entry.documentation)
        add("pointer", entry.pointer)
        line.append(UInt8(ascii: "}"))
    }

    public enum ReadError: Error, CustomStringConvertible {
        case notAManifest
        case badLine(Int, String)

        public var description: String {
            switch self {
            case .notAManifest:
                return "it is not an API manifest (its first lines should be the generated-file header and '\(marker)')"
            case .badLine(let line, let reason):
                return "line \(line) is not a manifest entry (\(reason)); regenerate the folder to rewrite it"
            }
        }
    }

    /// Whether `text` is a manifest (its header, then the marker).
    public static func isManifest(_ text: String) -> Bool {
        text.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false).prefix(3).contains { $0 == marker }
    }

    /// Reads a manifest file's text back.
    public static func read(_ text: String) throws -> APIManifest {
        guard isManifest(text) else { throw ReadError.notAManifest }
        var entries: [ManifestEntry] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.hasPrefix("// {") {
            let fields: Fields
            do {
                fields = try decoder.decode(Fields.self, from: Data(line.dropFirst(3).utf8))
            } catch {
                throw ReadError.badLine(index + 1, "not a JSON object of the known keys")
            }
            guard let kind = ManifestEntry.Kind(rawValue: fields.kind) else {
                throw ReadError.badLine(index + 1, "unknown kind '\(fields.kind)'")
            }
            var entry = ManifestEntry(kind: kind, name: fields.name, pointer: fields.pointer)
            entry.shape = fields.shape
            entry.carriers = fields.carriers.flatMap(ManifestEntry.Carriers.init(rawValue:))
            entry.type = fields.type
            entry.optional = fields.optional ?? false
            entry.nullable = fields.nullable ?? false
            entry.threeState = fields.threeState ?? false
            entry.defaulted = fields.defaulted ?? false
            entry.computed = fields.computed ?? false
            entry.deprecated = fields.deprecated ?? false
            entry.defaultValue = fields.default
            entry.wire = fields.wire
            entry.version = fields.version
            entry.documentation = fields.doc
            entries.append(entry)
        }
        guard let namespace = entries.first(where: { $0.kind == .namespace })?.name else { throw ReadError.notAManifest }
        return APIManifest(namespace: namespace, entries: entries)
    }

    private struct Fields: Decodable {
        var kind: String
        var name: String
        var shape, carriers, type, `default`, wire, version, doc, pointer: String?
        var optional, nullable, threeState, defaulted, computed, deprecated: Bool?
    }
}
