import Foundation

/// Gives the credentials for each attempt of a call. `APIClient` asks before every attempt, after the
/// middleware chain and within the attempt's timeout, so tokens that expire (Yandex Cloud IAM tokens
/// live at most 12 hours) are fetched anew when the provider says so.
///
/// When the credentials' own origin answers 401, the client asks once more, passing the refused
/// credentials as `rejected`, and repeats the attempt with what it gets (not counted against the retry
/// policy); a second 401 stands.
public protocol CredentialProvider: Sendable {
    /// The credentials to send. `rejected` holds credentials the server just refused with 401: give
    /// fresher ones, unless they have already been replaced. Implementations should end promptly when
    /// their task is cancelled.
    func authentication(rejected: Authentication?) async throws -> Authentication
    /// Whether asking after a 401 can give other credentials (fixed ones cannot).
    var canRefresh: Bool { get }
}

extension CredentialProvider {
    public var canRefresh: Bool { true }
}

/// Fixed credentials are a provider that always gives the same ones.
extension Authentication: CredentialProvider {
    public func authentication(rejected: Authentication?) async throws -> Authentication { self }
    public var canRefresh: Bool { false }
}

/// Credentials fetched by `fetch` and kept until shortly before they expire, or until a 401 refuses
/// them. One fetch at a time: calls that arrive during a fetch share it, and each caller stops waiting
/// as soon as its own task is cancelled (the fetch goes on for the others). Concurrent 401s for the
/// same credentials start one fetch, not one each.
///
///     let iam = RefreshingCredentials(renewBefore: .seconds(300)) {
///         let token = try await exchangeServiceAccountKeyForIAMToken()   // your code
///         return (Lockbox.Auth.iamToken(token.value), expires: token.expiresAt)
///     }
///     let client = APIClient(credentials: iam)
public actor RefreshingCredentials: CredentialProvider {
    public typealias Fetched = (authentication: Authentication, expires: Date?)
    public typealias Fetch = @Sendable () async throws -> Fetched

    private let fetch: Fetch
    private let renewBefore: Duration
    private var current: Fetched?
    private var pending: Task<Fetched, any Error>?
    /// Counts invalidations, so that a fetch that was under way when `invalidate()` came is not kept.
    private var generation = 0

    /// `renewBefore`: fetch new credentials when the current ones expire within this time.
    public init(renewBefore: Duration = .seconds(60), fetch: @escaping Fetch) {
        self.fetch = fetch
        self.renewBefore = renewBefore
    }

    public func authentication(rejected: Authentication?) async throws -> Authentication {
        if let current, !Self.expiresSoon(current.expires, within: renewBefore), rejected != current.authentication {
            return current.authentication
        }
        return try await CancellableWait.value(of: pending ?? startFetch()).authentication
    }

    /// Forgets the current credentials (and any fetch under way): the next call fetches new ones.
    public func invalidate() {
        generation += 1
        current = nil
        pending = nil
    }

    private func startFetch() -> Task<Fetched, any Error> {
        let fetch = self.fetch
        let started = generation
        let task = Task {
            do {
                let fetched = try await fetch()
                self.finish(started, with: fetched)
                return fetched
            } catch {
                self.finish(started, with: nil)
                throw error
            }
        }
        pending = task
        return task
    }

    private func finish(_ started: Int, with fetched: Fetched?) {
        guard started == generation else { return }
        if let fetched { current = fetched }
        pending = nil
    }

    private static func expiresSoon(_ expires: Date?, within margin: Duration) -> Bool {
        guard let expires else { return false }
        let seconds = Double(margin.components.seconds) + Double(margin.components.attoseconds) / 1e18
        return expires.timeIntervalSinceNow <= seconds
    }
}

/// Waits for a shared task's value, but gives up with `CancellationError` as soon as the waiting task
/// is cancelled (awaiting `task.value` alone would wait for the shared task to end).
enum CancellableWait {
    static func value<Value: Sendable>(of task: Task<Value, any Error>) async throws -> Value {
        let once = ResumeOnce<Value>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                once.set(continuation)
                Task { once.resume(with: await task.result) }
            }
        } onCancel: {
            once.resume(with: .failure(CancellationError()))
        }
    }
}

/// A continuation resumed by whichever comes first: the result or a cancellation (which may come
/// before the continuation exists).
private final class ResumeOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, any Error>?
    private var early: Result<Value, any Error>?
    private var done = false

    func set(_ continuation: CheckedContinuation<Value, any Error>) {
        lock.lock()
        if let early {
            done = true
            lock.unlock()
            continuation.resume(with: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func resume(with result: Result<Value, any Error>) {
        lock.lock()
        guard !done else {
            lock.unlock()
            return
        }
        guard let continuation else {
            if early == nil { early = result }
            lock.unlock()
            return
        }
        done = true
        self.continuation = nil
        lock.unlock()
        continuation.resume(with: result)
    }
}
