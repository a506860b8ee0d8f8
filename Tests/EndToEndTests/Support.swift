import Foundation
import Spec2SwiftRuntime
import Testing

/// Helpers shared by the end-to-end suites: reading JSON bodies, checking requests inside routes,
/// catching typed errors, and rendering values every way Swift can print them.

/// A JSON document parsed with `JSONSerialization`, walked by keys and indices.
struct JSONBody {
    let value: Any?

    init(_ data: Data) {
        value = data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    init(value: Any?) {
        self.value = value
    }

    /// The value under a key (for objects) or an index (for arrays).
    subscript(_ steps: Any...) -> JSONBody {
        var current = value
        for step in steps {
            if let key = step as? String, let object = current as? [String: Any] {
                current = object[key]
            } else if let index = step as? Int, let array = current as? [Any], array.indices.contains(index) {
                current = array[index]
            } else {
                return JSONBody(value: nil)
            }
        }
        return JSONBody(value: current)
    }

    var exists: Bool { value != nil }
    /// The value when it is a JSON string (never a number written as text).
    var string: String? { value as? String }
    var bool: Bool? {
        guard !(value is String), let number = value as? NSNumber else { return nil }
        return number.boolValue
    }
    var array: [Any]? { value as? [Any] }
    var strings: [String]? { (value as? [Any])?.compactMap { $0 as? String } }
    var keys: Set<String>? { (value as? [String: Any]).map { Set($0.keys) } }
}

/// What a route finds wrong with a request. A route answers a 400 listing the problems, in the
/// provider's error shape, so that the call under test fails visibly with the reason.
struct Inspection {
    let request: LoopbackServer.Request
    private(set) var problems: [String] = []

    init(_ request: LoopbackServer.Request) {
        self.request = request
    }

    var body: JSONBody { JSONBody(request.body) }

    mutating func require(_ condition: Bool, _ what: String) {
        if !condition { problems.append(what) }
    }

    /// The query exactly as sent, percent-encoding included.
    mutating func query(_ expected: String) {
        require(request.query == expected, "query is '\(request.query)', expected '\(expected)'")
    }

    mutating func header(_ name: String, _ expected: String?) {
        let actual = request.headers[name.lowercased()]
        require(actual == expected, "header \(name) is \(actual ?? "absent"), expected \(expected ?? "absent")")
    }

    mutating func noBody() {
        require(request.body.isEmpty, "expected no body, got '\(request.bodyText)'")
    }

    /// A JSON body of the given keys, sent as `application/json`.
    mutating func jsonBody(keys: Set<String>) {
        header("Content-Type", "application/json")
        require(body.keys == keys, "body keys are \(body.keys.map { $0.sorted().description } ?? "none"), "
            + "expected \(keys.sorted()); body: \(request.bodyText)")
    }

    mutating func string(_ path: [Any], _ expected: String) {
        let found = walk(path)
        require(found.string == expected, "body\(path) is \(String(describing: found.value)), expected the string \"\(expected)\"")
    }

    mutating func bool(_ path: [Any], _ expected: Bool) {
        let found = walk(path)
        require(found.bool == expected, "body\(path) is \(String(describing: found.value)), expected \(expected)")
    }

    mutating func strings(_ path: [Any], _ expected: [String]) {
        let found = walk(path)
        require(found.strings == expected && found.array?.count == expected.count,
                "body\(path) is \(String(describing: found.value)), expected \(expected)")
    }

    private func walk(_ path: [Any]) -> JSONBody {
        var current = body
        for step in path { current = current[step] }
        return current
    }
}

/// A route answer for requests that pass `check`, and a 400 in the provider's shape for the rest.
typealias Rejection = @Sendable (_ problems: [String]) -> LoopbackServer.Response

extension Router {
    func on(
        _ method: String, _ path: String, rejecting reject: @escaping Rejection,
        check: @escaping @Sendable (inout Inspection) -> Void,
        answer: @escaping @Sendable (LoopbackServer.Request, Int) -> LoopbackServer.Response
    ) {
        on(method, path) { request, count in
            var inspection = Inspection(request)
            check(&inspection)
            guard inspection.problems.isEmpty else { return reject(inspection.problems) }
            return answer(request, count)
        }
    }
}

/// The text of a JSON object built with `JSONSerialization` (keys sorted), for answers with variable text.
func jsonText(_ object: Any) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
}

/// Yandex Cloud's error shape: `{"code": 3, "message": "...", "details": []}` (3 = INVALID_ARGUMENT).
let yandexRejection: Rejection = { problems in
    .json(400, jsonText(["code": 3, "message": problems.joined(separator: "; "), "details": [Any]()]))
}

/// Cloudflare's failure envelope.
let cloudflareRejection: Rejection = { problems in
    .json(400, jsonText(["success": false, "errors": problems.map { ["code": 1001, "message": $0] }, "messages": [Any](),
                         "result": NSNull()]))
}

/// Runs `body`, which must throw an `APIError`, and returns it; records an issue when it throws nothing
/// or something else.
func expectAPIError<T>(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async -> APIError? {
    do {
        let value = try await body()
        Issue.record("expected an APIError, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as APIError {
        return error
    } catch {
        Issue.record("expected an APIError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// `String(describing:)`, `String(reflecting:)`, interpolation and `dump` of a value, by name.
func renderings<T>(_ value: T) -> [(way: String, text: String)] {
    var dumped = ""
    dump(value, to: &dumped)
    return [
        ("String(describing:)", String(describing: value)),
        ("String(reflecting:)", String(reflecting: value)),
        ("interpolation", "\(value)"),
        ("dump", dumped),
    ]
}

/// Time taken by `body`.
func measure<T>(_ body: () async throws -> T) async rethrows -> (result: T, elapsed: Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try await body()
    return (result, clock.now - start)
}

/// A retry policy that retries at once: tests of what is retried do not wait. (How long the client
/// waits between attempts is checked on a virtual clock, in RuntimeTests' `VirtualTimeTests`.)
let fastRetries = RetryPolicy(maxAttempts: 3, initialDelay: .zero, maxDelay: .zero)

/// The retry policy above, for POST and PATCH too.
let fastRetriesForAllMethods = RetryPolicy(maxAttempts: 3, initialDelay: .zero, maxDelay: .zero, retriesNonIdempotentMethods: true)
