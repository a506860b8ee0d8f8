import DescriptorFrontend
import FuzzMutator
import FuzzSupport
import YAMLReader

/// The descriptor frontend on any bytes and on descriptors changed in their structure: a model or
/// errors, never a crash, and every diagnostic located.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDescriptor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let root = try? YAMLReader(maxExpandedNodes: 200_000).read(input) else { return 0 }
    requireFrontendAnswer(DescriptorFrontend.translate(root, file: "fuzz.yaml"), file: "fuzz.yaml")
    return 0
}

@_cdecl("LLVMFuzzerCustomMutator")
public func mutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    mutateYAML(data, size, maxSize, seed, words: Words.descriptor)
}
