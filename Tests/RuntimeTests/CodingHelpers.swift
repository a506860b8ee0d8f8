import Foundation

/// `value` encoded as the only element of a JSON array, keys sorted.
func encodeOne(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode([value]), as: UTF8.self)
}

/// Decodes the JSON text `json` as the only element of an array.
func decodeOne<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode([T].self, from: Data("[\(json)]".utf8))[0]
}
