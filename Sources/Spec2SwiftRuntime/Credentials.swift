import Foundation

/// Gives the credentials for each attempt of a call. `APIClient` asks before every attempt, after the
/// middleware chain, so tokens that expire (Yandex Cloud IAM tokens live at most 12 hours) are fetched
/// anew when the provider says so.
///
/// When the server answers 401, the client asks once more with `refresh: true` and repeats the
/// attempt with what it gets (not counted against the retry policy); a second 401 stands.
public protocol CredentialProvider: Sendable {
    /// The credentials to send. `refresh` is true after the server refused the last ones with 401.
    func authentication(refresh: Bool) async throws -> Authentication
    /// Whether asking with `refresh: true` can give other credentials (fixed ones cannot).
    var canRefresh: Bool { get }
}

extension CredentialProvider {
    public var canRefresh: Bool { true }
}

/// Fixed credentials are a provider that always gives the same ones.
extension Authentication: CredentialProvider {
    public func authentication(refresh: Bool) async throws -> Authentication { self }
    public var canRefresh: Bool { false }
}

/// Credentials fetched by `fetch` and kept until shortly before they expire, or until a 401 asks for
/// fresh ones. One fetch at a time: calls that arrive while a fetch is under way wait for it.
///
///     let iam = RefreshingCredentials(renewBefore: .seconds(300)) {
///         let token = try await exchangeServiceAccountKeyForIAMToken()   // your code
///         return (Lockbox.Auth.iamToken(token.value), expires: token.expiresAt)
///     }
///     let client = APIClient(credentials: iam)
public actor RefreshingCredentials: CredentialProvider {
    public typealias Fetch = @Sendable () async throws -> (authentication: Authentication, expires: Date?)

    private let fetch: Fetch
    private let renewBefore: Duration
    private var current: (authentication: Authentication, expires: Date?)?
    private var pending: Task<(authentication: Authentication, expires: Date?), any Error>?

    /// `renewBefore`: fetch new credentials when the current ones expire within this time.
    public init(renewBefore: Duration = .seconds(60), fetch: @escaping Fetch) {
        self.fetch = fetch
        self.renewBefore = renewBefore
    }

    public func authentication(refresh: Bool) async throws -> Authentication {
        if !refresh, let current, !Self.expiresSoon(current.expires, within: renewBefore) {
            return current.authentication
        }
        if let pending {
            return try await pending.value.authentication
        }
        let task = Task { try await fetch() }
        pending = task
        defer { pending = nil }
        let fetched = try await task.value
        current = fetched
        return fetched.authentication
    }

    /// Forgets the current credentials: the next call fetches new ones.
    public func invalidate() {
        current = nil
    }

    private static func expiresSoon(_ expires: Date?, within margin: Duration) -> Bool {
        guard let expires else { return false }
        let seconds = Double(margin.components.seconds) + Double(margin.components.attoseconds) / 1e18
        return expires.timeIntervalSinceNow <= seconds
    }
}
