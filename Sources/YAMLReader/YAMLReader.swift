import CYAML

/// A problem found while reading YAML: a sentence and the mark it concerns.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var mark: Mark
    /// Where in the document the problem is, as the keys and indices from the root (the tokens of a
    /// JSON pointer), when reading got that far; nil for problems before the first node.
    public var path: [String]?
    /// For text that is not valid UTF-8 or UTF-16: the byte offset of the problem. libyaml decodes
    /// ahead of its parser, so where the parser was says nothing about where the bad byte is.
    var encodingOffset: Int?

    public init(_ message: String, at mark: Mark, path: [String]? = nil) {
        self.message = message
        self.mark = mark
        self.path = path
    }

    public var description: String { "\(mark): \(message)" }
}

/// Reads one YAML document into a tree of `YAMLNode`s through libyaml's event API.
///
/// - Every node keeps the 1-based line and column of its first character.
/// - Scalars resolve under the YAML 1.2 core schema (see `CoreSchema`).
/// - Aliases are expanded, but the total size of the expanded tree is bounded by `maxExpandedNodes`,
///   so that a small document cannot expand into a huge one ("billion laughs").
/// - A key that appears twice in one mapping is an error.
/// - A document that is JSON is read by `JSONReader` into the same tree (libyaml limits keys to 1,024
///   characters; JSON does not).
public struct YAMLReader: Sendable {
    public var maxExpandedNodes: Int
    /// How deeply collections may nest. Deeper documents are refused: every stage walks the tree
    /// recursively, and no API description nests anywhere near this deep.
    public var maxDepth: Int

    /// Documents of at least this many bytes are parsed on a second thread while the tree is built
    /// (see `PipelinedEvents`); smaller ones are not worth a thread.
    public var pipelineThreshold: Int
    /// For tests: whether the parser thread is started, and how long to wait for it to begin before
    /// the builder pulls the events itself.
    var startsParserThread = true
    var parserThreadPatience: Double = 2

    public init(maxExpandedNodes: Int = 5_000_000, maxDepth: Int = 1_000, pipelineThreshold: Int = 256 * 1_024) {
        self.maxExpandedNodes = maxExpandedNodes
        self.maxDepth = maxDepth
        self.pipelineThreshold = pipelineThreshold
    }

    /// Parses `bytes` (UTF-8, UTF-16 with a byte-order mark also accepted by libyaml).
    /// An empty stream reads as a null scalar.
    public func read(_ bytes: [UInt8]) throws(YAMLError) -> YAMLNode {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw YAMLError("libyaml could not allocate a parser", at: Mark(line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }

        var jsonError: YAMLError?
        var jsonStoppedAtYAMLSyntax = false
        let result: Result<YAMLNode, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            // libyaml reads from the buffer while `buffer` is alive: all parsing happens inside this closure.
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)
            guard let base else { return .failure(YAMLError("empty input", at: Mark(line: 1, column: 1))) }
            if JSONReader.looksLikeJSON(buffer), String(validating: buffer, as: UTF8.self) != nil {
                // JSON has no limit on the length of keys, which libyaml has (see `JSONReader`). A text
                // that only looks like JSON (YAML's flow style) is read by libyaml next.
                var json = JSONReader(buffer, maxDepth: maxDepth)
                do throws(YAMLError) {
                    return .success(try json.read())
                } catch {
                    jsonError = error
                    jsonStoppedAtYAMLSyntax = json.stoppedAtYAMLSyntax
                }
            }
            yaml_parser_set_input_string(parser, base, buffer.count)
            var builder = TreeBuilder(maxExpandedNodes: maxExpandedNodes, maxDepth: maxDepth)
            do throws(YAMLError) {
                if buffer.count >= pipelineThreshold {
                    var events = PipelinedEvents(parser: parser, bytes: buffer, startThread: startsParserThread,
                                                 patience: parserThreadPatience)
                    defer { events.finish() }
                    return .success(try builder.build(from: &events))
                }
                var events = DirectEvents(parser: parser, bytes: buffer)
                return .success(try builder.build(from: &events))
            } catch {
                return .failure(error)
            }
        }
        // Text that is neither JSON nor YAML: JSON's error, unless JSON stopped at YAML syntax (then
        // the error found further in is nearer the mistake).
        if case .failure(let yamlError) = result, let jsonError,
           !jsonStoppedAtYAMLSyntax || !(jsonError.mark < yamlError.mark) { throw jsonError }
        guard case .failure(var error) = result, let offset = error.encodingOffset else { return try result.get() }
        error.path = path(before: offset, in: bytes)
        throw error
    }

    /// The keys and indices of the last node that begins before `offset`: where a bad byte is in the
    /// document, found by reading the text in front of it.
    private func path(before offset: Int, in bytes: [UInt8]) -> [String] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else { return [] }
        defer { yaml_parser_delete(parser) }
        return bytes.prefix(offset).withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return [] }
            yaml_parser_set_input_string(parser, base, buffer.count)
            var builder = TreeBuilder(maxExpandedNodes: maxExpandedNodes, maxDepth: maxDepth)
            builder.tracksPath = true
            var events = DirectEvents(parser: parser, bytes: buffer)
            do throws(YAMLError) {
                _ = try builder.build(from: &events)
            } catch {
                if let path = error.path { return path }
            }
            return builder.lastPath
        }
    }

    public func read(_ text: String) throws(YAMLError) -> YAMLNode {
        try read(Array(text.utf8))
    }
}

/// Turns the event stream into nodes with a stack of open collections.
private struct TreeBuilder {
    /// A sequence or mapping whose end event has not arrived yet.
    struct Frame {
        var isMapping: Bool
        var mark: Mark
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var keys = KeySet()
        /// Nodes in this collection once aliases are expanded, itself included.
        var weight = 1

        var node: YAMLNode {
            YAMLNode(isMapping ? .mapping(YAMLMapping(pairs)) : .sequence(items), mark: mark)
        }

        /// The pairs with YAML merge keys (`<<: *base`, `<<: [*a, *b]`) replaced by the pairs they merge
        /// in, where the merge key was written: keys the mapping writes itself win, and of several merged
        /// mappings the earlier one wins (the YAML merge key type's rules).
        func mergedPairs() throws(YAMLError) -> [YAMLPair] {
            guard pairs.contains(where: { Self.isMergeKey($0.key) }) else { return pairs }
            var taken = Set(pairs.filter { !Self.isMergeKey($0.key) }.compactMap { $0.key.scalar?.text })
            var result: [YAMLPair] = []
            for pair in pairs {
                guard Self.isMergeKey(pair.key) else {
                    result.append(pair)
                    continue
                }
                let sources = pair.value.mapping != nil ? [pair.value] : (pair.value.sequence ?? [])
                guard !sources.isEmpty, sources.allSatisfy({ $0.mapping != nil }) else {
                    throw YAMLError("the merge key '<<' takes a mapping or a list of mappings, such as '<<: *base'; "
                                    + "quote it ('\"<<\"') if it is meant as an ordinary key", at: pair.key.mark)
                }
                for source in sources {
                    for merged in source.mapping ?? [] {
                        guard let key = merged.key.scalar?.text, taken.insert(key).inserted else { continue }
                        result.append(merged)
                    }
                }
            }
            return result
        }

        static func isMergeKey(_ key: YAMLNode) -> Bool {
            guard let scalar = key.scalar else { return false }
            return scalar.text == "<<" && scalar.style == .plain
        }
    }

    /// The keys seen so far in one mapping, to report duplicates.
    struct KeySet {
        private var small: [(String, Mark)] = []
        private var large: [String: Mark] = [:]

        mutating func insert(_ key: String, at mark: Mark) -> Mark? {
            if large.isEmpty {
                for (existing, existingMark) in small where existing == key { return existingMark }
                small.append((key, mark))
                if small.count > 16 {
                    for (text, mark) in small { large[text] = mark }
                    small = []
                }
                return nil
            }
            if let existing = large[key] { return existing }
            large[key] = mark
            return nil
        }
    }

    let maxExpandedNodes: Int
    let maxDepth: Int
    var stack: [Frame] = []
    var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    var expandedNodes = 0
    var root: YAMLNode?
    var documents = 0
    /// When set, `lastPath` follows every scalar added (to locate encoding errors).
    var tracksPath = false
    var lastPath: [String] = []

    init(maxExpandedNodes: Int, maxDepth: Int) {
        self.maxExpandedNodes = maxExpandedNodes
        self.maxDepth = maxDepth
    }

    mutating func open(_ frame: Frame) throws(YAMLError) {
        guard stack.count < maxDepth else {
            throw YAMLError("the document nests collections more than \(maxDepth) levels deep; "
                            + "no API description needs that, so reading stopped", at: frame.mark)
        }
        stack.append(frame)
    }

    /// Builds the tree; every error says where in the tree reading was when it happened.
    mutating func build<Source: EventSource>(from events: inout Source) throws(YAMLError) -> YAMLNode {
        do throws(YAMLError) {
            return try buildTree(from: &events)
        } catch {
            var located = error
            if located.path == nil, !stack.isEmpty { located.path = currentPath() }
            throw located
        }
    }

    /// The keys and indices from the root to where the next node goes (to the mapping itself when
    /// the next node is one of its keys).
    func currentPath() -> [String] {
        stack.compactMap { frame -> String? in
            if !frame.isMapping { return String(frame.items.count) }
            guard let key = frame.pendingKey else { return nil }
            return key.scalar?.text ?? "?"
        }
    }

    private mutating func buildTree<Source: EventSource>(from events: inout Source) throws(YAMLError) -> YAMLNode {
        while true {
            var event = try events.next()
            defer { yaml_event_delete(&event) }
            let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root ?? YAMLNode(.scalar(YAMLScalar(text: "", style: .plain)), mark: Mark(line: 1, column: 1))
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLError("the file holds more than one YAML document; keep one document per file", at: mark)
                }
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let text = Self.string(data.value, length: data.length)
                let tag = Self.optionalString(data.tag)
                let scalar = YAMLScalar(text: text, style: Self.style(data.style), tag: tag)
                try add(YAMLNode(.scalar(scalar), mark: mark), weight: 1, newNodes: 1, anchor: Self.optionalString(data.anchor))
            case YAML_ALIAS_EVENT:
                let name = Self.optionalString(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else {
                    throw YAMLError("the alias '*\(name)' refers to no anchor defined before it; define '&\(name)' first", at: mark)
                }
                try add(target.node, weight: target.weight, newNodes: target.weight, anchor: nil, at: mark)
            case YAML_SEQUENCE_START_EVENT:
                try open(Frame(isMapping: false, mark: mark, anchor: Self.optionalString(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                try open(Frame(isMapping: true, mark: mark, anchor: Self.optionalString(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard var frame = stack.popLast() else { break }
                if frame.isMapping { frame.pairs = try frame.mergedPairs() }
                try add(frame.node, weight: frame.weight, newNodes: 1, anchor: frame.anchor)
            default:
                break
            }
        }
    }

    /// Adds a finished node to the innermost open collection (or makes it the root).
    /// `weight` is the node's size once aliases are expanded; `newNodes` is how much of that the
    /// expansion bound has not counted yet (1 for a scalar or a finished collection, all of it for an alias).
    /// `mark` is where the node is written: for an alias, the alias itself, not the anchored node.
    mutating func add(_ node: YAMLNode, weight: Int, newNodes: Int, anchor: String?, at mark: Mark? = nil) throws(YAMLError) {
        let written = mark ?? node.mark
        expandedNodes += newNodes
        if expandedNodes > maxExpandedNodes {
            throw YAMLError("aliases expand the document beyond \(maxExpandedNodes) nodes; "
                            + "this looks like an alias bomb, so reading stopped", at: written)
        }
        if let anchor { anchors[anchor] = (node, weight) }
        // Scalars only: a collection ends after the text it holds.
        if tracksPath, node.scalar != nil {
            let isKey = stack.last.map { $0.isMapping && $0.pendingKey == nil } ?? false
            lastPath = currentPath() + (isKey ? [node.scalar?.text ?? "?"] : [])
        }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].weight += weight
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
            return
        }
        if let text = node.scalar?.text, let first = stack[top].keys.insert(text, at: written) {
            throw YAMLError("the key '\(text)' appears twice in this mapping (first at line \(first.line), "
                            + "column \(first.column)); remove or rename one of them", at: written, path: currentPath() + [text])
        }
        stack[top].pendingKey = node
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}

extension YAMLError {
    /// A sentence for libyaml's error, at the problem's mark.
    static func parser(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_READER_ERROR {
            // Encoding problems carry a byte offset rather than a mark; for a bad trailing byte, the
            // offset of the sequence it should have continued.
            var offset = parser.problem_offset
            if problem.contains("trailing"), offset > 0, offset <= bytes.count {
                var lead = offset - 1
                while lead > 0, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                if bytes[lead] >= 0xC0 { offset = lead }
            }
            var error = YAMLError(ErrorAdvice.encoding(problem, value: parser.problem_value, offset: offset, in: bytes),
                                  at: markOfOffset(offset, in: bytes))
            error.encodingOffset = offset
            return error
        }
        let mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        var message = "YAML syntax error: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextMark = Mark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
            message += " \(context) that starts at line \(contextMark.line), column \(contextMark.column)"
        }
        message += "; " + ErrorAdvice.syntax(problem, character: ErrorAdvice.character(at: mark, in: bytes))
        return YAMLError(message, at: mark)
    }

    static func markOfOffset(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Mark {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Mark(line: line, column: column)
    }
}
