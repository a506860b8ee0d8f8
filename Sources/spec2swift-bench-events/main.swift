import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The baseline of `spec2swift-bench --whole-process`: a process that reads the document, pulls every
// libyaml event and exits, linking nothing but libyaml and the C library (Foundation alone adds
// about 35 ms of start-up here), so that it costs what a C program doing the same costs.
//
//     spec2swift-bench-events DOCUMENT

/// The file's bytes, read with the C library; nil when it cannot be read.
func contents(of path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count == 0 { break }
        bytes += chunk[0..<count]
    }
    return ferror(file) == 0 ? bytes : nil
}

guard CommandLine.arguments.count == 2, let bytes = contents(of: CommandLine.arguments[1]) else {
    print("usage: spec2swift-bench-events DOCUMENT")
    exit(2)
}
let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
guard yaml_parser_initialize(parser) != 0 else { exit(1) }
var count = 0
var failed = false
bytes.withUnsafeBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return }
    yaml_parser_set_input_string(parser, base, buffer.count)
    var event = yaml_event_t()
    while true {
        guard yaml_parser_parse(parser, &event) != 0 else {
            failed = true
            return
        }
        count += 1
        let done = event.type == YAML_STREAM_END_EVENT
        yaml_event_delete(&event)
        if done { return }
    }
}
yaml_parser_delete(parser)
parser.deallocate()
print(count)
exit(failed ? 1 : 0)
