import FuzzMutator
import FuzzSupport
import OpenAPIFrontend
import YAMLReader

/// The OpenAPI frontend on any bytes and on documents changed in their structure: a model or errors,
/// never a crash, and every diagnostic located.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpenAPI(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let root = try? YAMLReader(maxExpandedNodes: 200_000).read(input) else { return 0 }
    let options = OpenAPIOptions(namespace: "Fuzz", concurrent: false)
    requireFrontendAnswer(OpenAPIFrontend.translate(root, file: "fuzz.yaml", options: options), file: "fuzz.yaml")
    return 0
}

@_cdecl("LLVMFuzzerCustomMutator")
public func mutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    mutateYAML(data, size, maxSize, seed, words: Words.openAPI)
}
