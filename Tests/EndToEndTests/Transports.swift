import Foundation
import Spec2SwiftAsyncHTTPClient
import Spec2SwiftRuntime
import Testing

/// The transports every end-to-end test that takes one runs through.
enum TransportKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case urlSession
    case asyncHTTPClient

    func make() -> any HTTPTransport {
        switch self {
        case .urlSession: URLSessionTransport()
        case .asyncHTTPClient: AsyncHTTPClientTransport()
        }
    }

    var testDescription: String { rawValue }
}
