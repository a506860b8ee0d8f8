/// Which operations to generate, by tag (group) and by operation id.
public struct OperationFilter: Hashable, Sendable {
    public var includeTags: [String]
    public var excludeTags: [String]
    public var includeOperations: [String]
    public var excludeOperations: [String]

    public init(includeTags: [String] = [], excludeTags: [String] = [], includeOperations: [String] = [],
                excludeOperations: [String] = []) {
        self.includeTags = includeTags
        self.excludeTags = excludeTags
        self.includeOperations = includeOperations
        self.excludeOperations = excludeOperations
    }

    public var isEmpty: Bool {
        includeTags.isEmpty && excludeTags.isEmpty && includeOperations.isEmpty && excludeOperations.isEmpty
    }

    /// An operation is kept when it has an included tag or is included by id (or nothing is included
    /// at all), and it has no excluded tag and is not excluded by id.
    public func keeps(_ operation: Operation) -> Bool {
        let included = (includeTags.isEmpty && includeOperations.isEmpty)
            || operation.tags.contains(where: includeTags.contains) || includeOperations.contains(operation.id)
        return included && !excludes(operation)
    }
}

extension APIDefinition {
    /// The API with only the operations the filter keeps, and everything those operations need: the
    /// types they reach (transitively, with the envelope's), and, when they reach the long-running
    /// operation type, the operation that polls it, so that `wait(for:)` is still generated. When the
    /// filter excludes the poll operation by name or tag, the waiting helper is left out, and a warning
    /// says so. Without a filter, everything is kept. Tags and ids the API does not have are errors.
    public func filtered(by filter: OperationFilter) -> (APIDefinition, [Diagnostic]) {
        guard !filter.isEmpty else { return (self, []) }
        var diagnostics: [Diagnostic] = []
        let tags = Set(operations.flatMap(\.tags))
        let ids = Set(operations.map(\.id) + omittedOperations)
        for tag in filter.includeTags + filter.excludeTags where !tags.contains(tag) {
            let known = tags.sorted().joined(separator: ", ")
            diagnostics.append(.error("no operation has the tag '\(tag)'; the tags are: \(known)", at: origin.location,
                                      pointer: origin.pointer))
        }
        for id in filter.includeOperations + filter.excludeOperations where !ids.contains(id) {
            diagnostics.append(.error("no operation has the id '\(id)'; check its spelling (ids are case-sensitive)",
                                      at: origin.location, pointer: origin.pointer))
        }
        let index = declarationsByName
        var result = self
        var kept = Set(operations.filter(filter.keeps).map(\.id))
        func roots() -> [TypeRef] {
            operations.filter { kept.contains($0.id) }.operationRoots + (envelope?.properties.map(\.type) ?? [])
        }
        if let longRunning = longRunningOperations {
            if !reachableTypes(from: roots(), in: index).contains(longRunning.type) {
                // No kept operation returns a long-running operation: there is nothing to wait for.
                result.longRunningOperations = nil
            } else if let poll = operations.first(where: { $0.id == longRunning.pollOperation }), !kept.contains(poll.id) {
                if filter.excludes(poll) {
                    diagnostics.append(.warning("the filter leaves out '\(poll.id)', which polls long-running operations, so "
                                                + "`wait(for:)` is not generated; keep '\(poll.id)' to have it",
                                                at: longRunning.origin.location, pointer: longRunning.origin.pointer))
                    result.longRunningOperations = nil
                } else {
                    kept.insert(poll.id)
                }
            }
        }
        result.operations = operations.filter { kept.contains($0.id) }
        let reachable = result.reachableTypes(from: roots(), in: index)
        result.types = types.filter { declaration in
            declaration.flattened.contains { reachable.contains($0.name) }
        }
        return (result, diagnostics)
    }
}

extension OperationFilter {
    /// Whether the filter names the operation, or one of its tags, to leave out.
    public func excludes(_ operation: Operation) -> Bool {
        operation.tags.contains(where: excludeTags.contains) || excludeOperations.contains(operation.id)
    }
}

extension Array where Element == Operation {
    /// Every type the operations' parameters, bodies or responses mention.
    var operationRoots: [TypeRef] {
        flatMap(\.typeReferences)
    }
}
