import FuzzSupport
import YAMLReader

/// The YAML reader on any bytes: it returns a tree or an error, never crashes, and gives the same
/// answer whether libyaml runs on the calling thread or on a thread of its own.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let reader = YAMLReader(maxExpandedNodes: 200_000, pipelineThreshold: .max)
    let direct = Outcome(reader, input)
    if case .tree(let root) = direct { requireMarks(root) }
    if case .error(let error) = direct {
        require(error.mark.line >= 1 && error.mark.column >= 1, "error without a mark: \(error)")
        require(!error.message.isEmpty, "error without a message")
    }
    // One input in eight also through the parser thread, which must agree exactly.
    if input.first.map({ $0 & 7 == 0 }) ?? false {
        var threaded = reader
        threaded.pipelineThreshold = 0
        let other = Outcome(threaded, input)
        require(other == direct, "the parser thread reads this input differently")
    }
    return 0
}

/// What reading gave: a tree (as its text with marks) or an error.
enum Outcome: Equatable {
    case tree(YAMLNode)
    case error(YAMLError)

    init(_ reader: YAMLReader, _ input: [UInt8]) {
        do {
            self = .tree(try reader.read(input))
        } catch {
            self = .error(error)
        }
    }

    static func == (lhs: Outcome, rhs: Outcome) -> Bool {
        switch (lhs, rhs) {
        case let (.tree(a), .tree(b)): return same(a, b)
        case let (.error(a), .error(b)): return a == b
        default: return false
        }
    }

    static func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        guard a.mark == b.mark else { return false }
        switch (a.content, b.content) {
        case let (.scalar(x), .scalar(y)): return x == y
        case let (.sequence(x), .sequence(y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (.mapping(x), .mapping(y)):
            return x.pairs.count == y.pairs.count && zip(x.pairs, y.pairs).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        default: return false
        }
    }
}

/// Every node has a line and a column from 1.
func requireMarks(_ root: YAMLNode) {
    var work = [root]
    var visited = 0
    while let node = work.popLast(), visited < 100_000 {
        visited += 1
        require(node.mark.line >= 1 && node.mark.column >= 1, "node without a mark")
        switch node.content {
        case .scalar: break
        case .sequence(let items): work += items
        case .mapping(let mapping): work += mapping.pairs.flatMap { [$0.key, $0.value] }
        }
    }
}
