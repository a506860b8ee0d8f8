import Foundation

/// Runs blocking or CPU-heavy work on a thread of its own and waits for it without blocking.
///
/// Swift Testing runs tests on the cooperative thread pool, which has one thread per core (two on
/// the CI machine). A test that holds one of them for seconds (building a package, generating a
/// whole spec) delays every other async test, and the end-to-end tests measure time. Keep `#expect`
/// outside `work`: issues are attributed to the test through task-local state, which a plain thread
/// does not have.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try work() })
        }.start()
    }
}
