import SwiftLowering

/// Helpers on top of single requests: `...Pages` functions for paged list operations, and waiting for
/// long-running operations.
extension PrintContext {
    /// `listPages(...)`: the list operation's parameters without the page, returning a `PagedRequest`
    /// whose pages `APIClient.pages(_:)` fetches one at a time.
    func printPagesFunction(_ pages: SwiftPagesFunction, of operation: SwiftOperation, into printer: inout CodePrinter) {
        let arguments = pages.arguments.map { argument in
            let label = Identifiers.escaped(argument.label)
            return argument.isPage ? "\(label): page" : "\(label): \(label)"
        }
        let elementType = spelling(pages.elementType)
        let keyPath = pages.totalPagesKeyPath.joined(separator: ".")
        printer.line()
        printer.documentation([
            "\(operation.documentation.summary ?? operation.name) A page at a time: `client.pages(...)` fetches each page "
                + "when it is reached, and `client.all(...)` collects every item.",
            "- Remark: Pages of `\(operation.name)`, counted by `\(keyPath)`.",
        ])
        if operation.deprecated { printer.line("@available(*, deprecated)") }
        printer.signature("public static func \(Identifiers.escaped(pages.name))", parameters: declarations(pages.parameters),
                          suffix: " -> PagedRequest<\(elementType)>") { body in
            body.line("PagedRequest { page in")
            body.indented { closure in
                let call = "\(pages.container).\(Identifiers.escaped(operation.name))"
                if call.count + arguments.joined(separator: ", ").count > 100 {
                    closure.line(call + "(")
                    closure.indented { $0.lines(arguments, separator: ",") }
                    closure.line(")")
                } else {
                    closure.line(call + "(" + arguments.joined(separator: ", ") + ")")
                }
                closure.line(".paged(\(pages.envelope)<[\(elementType)]>.self, page: page) { \(totalPagesExpression(pages)) }")
            }
            body.line("}")
        }
    }

    /// `$0.resultInfo?.totalPages` for `result_info.total_pages`, as a `Double?`.
    private func totalPagesExpression(_ pages: SwiftPagesFunction) -> String {
        var expression = "$0"
        for step in pages.totalPages {
            expression += (step.throughOptional ? "?." : ".") + Identifiers.escaped(step.property)
        }
        switch pages.conversion {
        case .none: return expression
        case .integer(let optional): return optional ? expression + ".map(Double.init)" : "Double(\(expression))"
        }
    }

    /// Conforms the API's operation type to `LongRunningOperation` and adds `wait(for:client:)`.
    func printLongRunning(_ spec: SwiftLongRunning, into printer: inout CodePrinter) {
        printer.line()
        printer.topLevelBlock("extension \(spec.type): LongRunningOperation") { body in
            let id = spec.operationID
            body.line("public var operationID: String { \(Identifiers.escaped(id.property))\(id.optional ? " ?? \"\"" : "") }")
            let done = spec.isDone
            body.line("public var isDone: Bool { \(Identifiers.escaped(done.property))\(done.optional ? " ?? false" : "") }")
            body.block("public var operationError: (any Encodable & Sendable)?") { getter in
                switch spec.error {
                case .property(let property):
                    getter.line(Identifiers.escaped(property))
                case .oneOfCase(let property, let caseName, let optional):
                    getter.line("if case .\(Identifiers.escaped(caseName))(let error)\(optional ? "?" : "") = "
                                + "\(Identifiers.escaped(property)) { return error }")
                    getter.line("return nil")
                }
            }
        }
        printer.line()
        printer.topLevelBlock("extension \(api.namespace)") { body in
            body.documentation([
                "Waits for a long-running operation: polls `\(spec.pollOperationID)` until the operation is done, with pauses "
                    + "growing from `initialDelay` to `maxDelay`, and throws `APIError.operationFailed` with the operation's "
                    + "error, or `APIError.timedOut` once `timeout` has passed.",
            ])
            if spec.pollDeprecated { body.line("@available(*, deprecated)") }
            body.line("public static func wait(")
            body.indented {
                $0.line("for operation: \(spec.type),")
                $0.line("client: APIClient,")
                $0.line("timeout: Duration = .seconds(300),")
                $0.line("initialDelay: Duration = .milliseconds(500),")
                $0.line("maxDelay: Duration = .seconds(10)")
            }
            body.line(") async throws(APIError) -> \(spec.type) {")
            body.indented {
                $0.line("try await client.wait(for: operation, timeout: timeout, initialDelay: initialDelay, maxDelay: maxDelay) {")
                $0.indented {
                    $0.line("\(spec.pollContainer).\(Identifiers.escaped(spec.pollFunction))(\(Identifiers.escaped(spec.pollLabel)): $0)")
                }
                $0.line("}")
            }
            body.line("}")
        }
    }
}
