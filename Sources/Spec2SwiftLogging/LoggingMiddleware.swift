#if Logging
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Spec2SwiftRuntime

/// Logs every attempt of every call through swift-log: at `info` (or `logLevel`), one line with the
/// method, URL, status, duration and attempt number; at `debug`, the request and answer bodies.
///
/// Nothing secret is logged: credentials are added after the middleware chain, so they never reach
/// this middleware; query values and header values are left out, as `Request.description` leaves them
/// out; bodies show `SecretString` and `SecretBytes` values as `<redacted>`, and answer bodies are shown
/// only when they decode as the operation's result (error bodies may echo what was sent).
///
///     var logger = Logger(label: "lockbox")
///     logger.logLevel = .debug
///     let client = APIClient(authentication: auth, middleware: [LoggingMiddleware(logger: logger)])
public struct LoggingMiddleware: ClientMiddleware {
    public var logger: Logger
    /// The level of the one line per attempt; bodies are logged at `debug`.
    public var logLevel: Logger.Level

    public init(logger: Logger, logLevel: Logger.Level = .info) {
        self.logger = logger
        self.logLevel = logLevel
    }

    public func intercept(_ request: URLRequest, context: MiddlewareContext,
                          next: (URLRequest) async throws -> HTTPAnswer) async throws -> HTTPAnswer {
        let method = request.httpMethod ?? "GET"
        let url = Self.redacted(request.url)
        var metadata: Logger.Metadata = [
            "operation": "\(context.operationID)", "attempt": "\(context.attempt)", "method": "\(method)", "url": "\(url)",
        ]
        if logger.logLevel <= .debug, let body = context.redactedRequestBody {
            logger.debug("request body: \(body)", metadata: metadata)
        }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let answer = try await next(request)
            let milliseconds = Self.milliseconds(clock.now - start)
            metadata["status"] = "\(answer.status)"
            metadata["duration_ms"] = "\(milliseconds)"
            logger.log(level: logLevel, "\(method) \(url) -> \(answer.status) in \(milliseconds) ms (attempt \(context.attempt))",
                       metadata: metadata)
            if logger.logLevel <= .debug {
                let shown = context.redactedAnswerBody(answer.body) ?? "<\(answer.body.count) bytes, not shown>"
                logger.debug("answer body: \(shown)", metadata: metadata)
            }
            return answer
        } catch {
            let milliseconds = Self.milliseconds(clock.now - start)
            metadata["duration_ms"] = "\(milliseconds)"
            logger.log(level: logLevel, "\(method) \(url) failed in \(milliseconds) ms (attempt \(context.attempt)): \(error)",
                       metadata: metadata)
            throw error
        }
    }

    /// Scheme, host, port and path, and the query's names with `…` for each value.
    static func redacted(_ url: URL?) -> String {
        guard let url, var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return "<no URL>" }
        let names = components.percentEncodedQueryItems?.map(\.name) ?? []
        components.percentEncodedQuery = nil
        components.user = nil
        components.password = nil
        components.fragment = nil
        let base = components.string ?? "<no URL>"
        return names.isEmpty ? base : base + "?" + names.map { $0 + "=…" }.joined(separator: "&")
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
#else
#error("Spec2SwiftLogging needs the package trait \"Logging\": depend on spec2swift with traits: [.defaults] or traits: [\"Logging\"]")
#endif
