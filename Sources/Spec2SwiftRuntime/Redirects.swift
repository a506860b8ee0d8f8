import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How `APIClient` follows redirects. Transports never follow them; the client does, by these rules:
///
/// - credentials (`Authentication`'s headers and query items, and the `sensitiveHeaders`) go only to
///   the origin (scheme, host and port) the operation was sent to; a hop to any other origin is sent
///   without them, and once a chain has left the origin no later hop gets them, even back home;
/// - a hop to another origin whose URL would still hold a credential's value (inside another
///   parameter, say) is refused, and so is one that would carry the request's body there (a 307 or
///   308), unless `sendsBodiesToOtherOrigins`;
/// - a redirect from `https` to `http` is not followed (`APIError.redirectRefused`);
/// - 307 and 308 repeat the method and body; 303 turns anything but `HEAD` into a `GET` without a
///   body, and 301 and 302 turn a `POST` into a `GET` without a body (RFC 9110, 15.4);
/// - at most `maxRedirects` hops (`APIError.redirectRefused` past that).
public struct RedirectPolicy: Sendable {
    /// The most redirects one attempt follows; 0 follows none (a 3xx answer is then an error).
    public var maxRedirects: Int
    /// Headers that never go to another origin, besides the `Authentication`'s own; add any header
    /// your middleware puts credentials in.
    public var sensitiveHeaders: [String]
    /// Whether a 307 or 308 to another origin may repeat the request's body (which may hold secrets).
    public var sendsBodiesToOtherOrigins: Bool

    public init(maxRedirects: Int = 10, sensitiveHeaders: [String] = ["Authorization", "Cookie", "Proxy-Authorization"],
                sendsBodiesToOtherOrigins: Bool = false) {
        self.maxRedirects = max(0, maxRedirects)
        self.sensitiveHeaders = sensitiveHeaders
        self.sendsBodiesToOtherOrigins = sendsBodiesToOtherOrigins
    }

    public static let `default` = RedirectPolicy()
    /// Never follow a redirect.
    public static let none = RedirectPolicy(maxRedirects: 0)

    /// Statuses that redirect when they carry a `Location`.
    static func isRedirect(_ status: Int) -> Bool {
        [301, 302, 303, 307, 308].contains(status)
    }

    /// The request for the next hop after `answer` to `request`, or nil when `answer` is not a
    /// redirect. Credentials are not added here: the caller adds them when the hop stays in `origin`.
    static func nextRequest(after request: URLRequest, answer: HTTPAnswer, operationID: String) throws(APIError) -> URLRequest? {
        guard isRedirect(answer.status), let location = answer.headers["Location"], let current = request.url else {
            return nil
        }
        guard let target = URL(string: location, relativeTo: current)?.absoluteURL,
              let scheme = target.scheme?.lowercased(), scheme == "http" || scheme == "https", target.host != nil else {
            throw APIError.redirectRefused(operationID: operationID, reason: "the answer \(answer.status) redirects to a location that is not an http(s) URL")
        }
        if current.scheme?.lowercased() == "https" && scheme == "http" {
            throw APIError.redirectRefused(operationID: operationID, reason: "the answer \(answer.status) redirects from https to http")
        }
        var next = request
        next.url = target
        let method = request.httpMethod?.uppercased() ?? "GET"
        if (answer.status == 303 && method != "HEAD") || ([301, 302].contains(answer.status) && method == "POST") {
            next.httpMethod = "GET"
            next.httpBody = nil
            next.httpBodyStream = nil
            next.setValue(nil, forHTTPHeaderField: "Content-Type")
            next.setValue(nil, forHTTPHeaderField: "Content-Length")
        }
        return next
    }
}

/// The scheme, host and port of a URL, with default ports made explicit: requests to one origin may
/// share credentials, requests to two may not.
struct Origin: Hashable, Sendable {
    var scheme: String
    var host: String
    var port: Int

    init?(_ url: URL?) {
        guard let url, let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
    }
}

extension URLRequest {
    /// This request without credentials: the `Authentication`'s headers and query items are removed,
    /// and so are `sensitiveHeaders`. Nil when query credentials must go but the URL cannot be read.
    func removingCredentials(_ authentication: Authentication?, sensitiveHeaders: [String]) -> URLRequest? {
        var request = self
        for name in sensitiveHeaders + (authentication?.headers.map(\.name) ?? []) {
            request.setValue(nil, forHTTPHeaderField: name)
        }
        let queryNames = Set(authentication?.query.map(\.name) ?? [])
        guard !queryNames.isEmpty, let url = request.url, url.query != nil else { return request }
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true),
              let items = components.percentEncodedQueryItems else { return nil }
        let kept = items.filter { !queryNames.contains($0.name.removingPercentEncoding ?? $0.name) }
        if kept.count != items.count {
            components.percentEncodedQueryItems = kept.isEmpty ? nil : kept
            guard let stripped = components.url else { return nil }
            request.url = stripped
        }
        return request
    }

    /// Whether this request's URL holds the value of one of `authentication`'s credentials, as written or
    /// percent-encoded once or twice (a token inside a `return_to` parameter, say).
    func carriesValues(of authentication: Authentication?) -> Bool {
        guard let authentication, let text = url?.absoluteString else { return false }
        var secrets = authentication.query.map(\.value)
        for header in authentication.headers {
            secrets.append(header.value)
            // `Bearer <token>`, `APIKey <key>`: the credential without its scheme.
            if let space = header.value.lastIndex(of: " ") { secrets.append(String(header.value[header.value.index(after: space)...])) }
        }
        // The URL as written, and decoded once and twice (`+` read as a space, as forms write it).
        var readings = [text]
        for _ in 0..<2 {
            guard let last = readings.last, let decoded = last.replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
                  decoded != last else { break }
            readings.append(decoded)
        }
        return secrets.filter { $0.count >= 6 }.contains { secret in readings.contains { $0.contains(secret) } }
    }

    /// This request with `authentication`'s headers and query items added.
    func adding(_ authentication: Authentication?) -> URLRequest {
        guard let authentication else { return self }
        var request = self
        for header in authentication.headers {
            request.setValue(header.value, forHTTPHeaderField: header.name)
        }
        if !authentication.query.isEmpty, let url = request.url,
           var components = URLComponents(url: url, resolvingAgainstBaseURL: true) {
            let added = authentication.query.map {
                URLQueryItem(name: PercentEncoding.encode($0.name, keeping: PercentEncoding.unreserved),
                             value: PercentEncoding.encode($0.value, keeping: PercentEncoding.unreserved))
            }
            components.percentEncodedQueryItems = (components.percentEncodedQueryItems ?? []) + added
            request.url = components.url ?? url
        }
        return request
    }
}
