import CYAML
import Foundation
import OpenAPIFrontend
import YAMLReader
import APIModel

// Scratch: will become the benchmark command.
let path = CommandLine.arguments.dropFirst().first ?? "../shared/corpus/gcore/cloud_api.yaml"
let bytes = Array(FileManager.default.contents(atPath: path) ?? Data())

func pullEvents(_ bytes: [UInt8]) -> Int {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    yaml_parser_initialize(parser)
    defer { yaml_parser_delete(parser) }
    var count = 0
    bytes.withUnsafeBufferPointer { buffer in
        yaml_parser_set_input_string(parser, buffer.baseAddress!, buffer.count)
        var event = yaml_event_t()
        while yaml_parser_parse(parser, &event) != 0 {
            count += 1
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            if done { break }
        }
    }
    return count
}

let clock = ContinuousClock()
var events = 0
let t0 = clock.measure { events = pullEvents(bytes) }
var root: YAMLNode?
let t1 = clock.measure { root = try? YAMLReader().read(bytes) }
var result: (APIDefinition?, [Diagnostic])?
let t2 = clock.measure { result = OpenAPIFrontend.translate(root!, file: path, options: OpenAPIOptions(namespace: "Gcore")) }
print("events \(events) pull \(t0) tree \(t1) frontend \(t2)")
if let (api, diags) = result {
    print("diagnostics: \(diags.count)")
    for d in diags.prefix(30) { print(d) }
    if let api {
        print("operations \(api.operations.count) types \(api.types.count) flattened \(api.types.flatMap(\.flattened).count)")
    }
}
if let api = result?.0 {
    let names = Set(api.types.map(\.name.last))
    for t in api.types where !(root!["components"]!["schemas"]![t.name.last] != nil) { print("lifted:", t.name, t.kind) }
    for t in api.types.flatMap(\.flattened) where t.name.path.count > 1 { print("nested:", t.name) }
    for t in api.types where { if case .union = t.kind { return true }; return false }() { print("union:", t.name, t.kind) }
    _ = names
}
