import FuzzSupport
import YAMLReader

@_silgen_name("LLVMFuzzerMutate")
private func LLVMFuzzerMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int) -> Int

/// libFuzzer's custom mutator for YAML inputs: half of the time a change to the document's structure
/// (keys, kinds, `$ref`s, nesting, numbers, text), printed back as YAML; otherwise, or when the input is
/// not YAML, libFuzzer's own byte-level mutations.
public func mutateYAML(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32,
                       words: [String]) -> Int {
    var random = Random(seed: seed)
    if random.next(2) == 0 {
        let input = Array(UnsafeBufferPointer(start: data, count: size))
        if let root = try? YAMLReader(maxExpandedNodes: 20_000, maxDepth: 200, pipelineThreshold: .max).read(input) {
            var budget = 20_000
            var tree = Tree(root, budget: &budget)
            var mutator = StructureMutator(random: random, words: words)
            for _ in 0...mutator.random.next(3) { mutator.mutate(&tree) }
            let output = Array(YAMLWriter.text(tree).utf8)
            if output.count <= maxSize {
                output.withUnsafeBufferPointer { buffer in
                    if let base = buffer.baseAddress { data.update(from: base, count: output.count) }
                }
                return output.count
            }
        }
    }
    return LLVMFuzzerMutate(data, size, maxSize)
}
