import Foundation

/// What one call changes of the client's settings, without a second client:
///
///     let secret = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 1, secretID: id),
///                                        options: RequestOptions(timeout: .seconds(5), retryPolicy: .none,
///                                                                headers: HTTPHeaders([("X-Trace", traceID)])))
///
/// Every setting left nil keeps the client's own. Middleware sees the options in
/// `MiddlewareContext.options`.
public struct RequestOptions: Sendable {
    /// The longest one attempt of this call may take (`APIClient.timeout` otherwise).
    public var timeout: Duration?
    public var retryPolicy: RetryPolicy?
    /// Headers added to the request, replacing any of the same name the operation sets. Like the
    /// operation's own headers, they go with every redirect hop, except those the client's
    /// `RedirectPolicy.sensitiveHeaders` names when a hop leaves the origin.
    public var headers: HTTPHeaders
    /// Query items appended after the operation's own, in order.
    public var query: [(name: String, value: String)]
    /// Replaces the base URL of this call (`APIClient.baseURL` and `servers` otherwise).
    public var baseURL: URL?

    public init(timeout: Duration? = nil, retryPolicy: RetryPolicy? = nil, headers: HTTPHeaders = HTTPHeaders(),
                query: [(name: String, value: String)] = [], baseURL: URL? = nil) {
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.headers = headers
        self.query = query
        self.baseURL = baseURL
    }

    /// `request` with these headers and query items added.
    func applied<Response>(to request: Request<Response>) -> Request<Response> {
        var request = request
        for header in headers { request.headers[header.name] = header.value }
        for item in query { request.query.append(item.name, item.value) }
        return request
    }

    /// `client` with this call's timeout, retry policy and base URL.
    func applied(to client: APIClient) -> APIClient {
        var client = client
        if let timeout { client.timeout = timeout }
        if let retryPolicy { client.retryPolicy = retryPolicy }
        if let baseURL { client.baseURL = baseURL }
        return client
    }
}
