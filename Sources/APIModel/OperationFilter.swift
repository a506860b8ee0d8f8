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
        let excluded = operation.tags.contains(where: excludeTags.contains) || excludeOperations.contains(operation.id)
        return included && !excluded
    }
}

extension APIDefinition {
    /// The API with only the operations the filter keeps, and only the types those operations need
    /// (transitively). Without a filter, every type is kept. Tags and ids the API does not have are errors.
    public func filtered(by filter: OperationFilter) -> (APIDefinition, [Diagnostic]) {
        guard !filter.isEmpty else { return (self, []) }
        var diagnostics: [Diagnostic] = []
        let tags = Set(operations.flatMap(\.tags))
        let ids = Set(operations.map(\.id))
        for tag in filter.includeTags + filter.excludeTags where !tags.contains(tag) {
            let known = tags.sorted().joined(separator: ", ")
            diagnostics.append(.error("no operation has the tag '\(tag)'; the tags are: \(known)", at: origin.location,
                                      pointer: origin.pointer))
        }
        for id in filter.includeOperations + filter.excludeOperations where !ids.contains(id) {
            diagnostics.append(.error("no operation has the id '\(id)'; check its spelling (ids are case-sensitive)",
                                      at: origin.location, pointer: origin.pointer))
        }
        var result = self
        result.operations = operations.filter(filter.keeps)
        let reachable = result.reachableTypes(from: result.operationRoots + (envelope?.properties.map(\.type) ?? []),
                                              in: declarationsByName)
        result.types = types.filter { declaration in
            declaration.flattened.contains { reachable.contains($0.name) }
        }
        return (result, diagnostics)
    }
}
