import Foundation
import Generated
import Spec2SwiftRuntime

/// The runtime's code that reads what the network sends, and that writes what callers pass into
/// URLs. The first byte picks what the rest is fed to.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuntime(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let body = Data(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let text = String(decoding: body, as: UTF8.self)
    switch data[0] % 6 {
    case 0: timestamp(text)
    case 1: jsonValue(body)
    case 2: errorAnswer(body, status: Int(data[0]) * 3)
    case 3: answers(body)
    case 4: path(text)
    default: query(text)
    }
    return 0
}

/// `Timestamp` keeps the text it read, and its numbers are in range.
func timestamp(_ text: String) {
    if let value = Timestamp(rfc3339: text) {
        check(value.rfc3339 == text, "a timestamp does not keep its text: \(text)")
        // RFC 3339 writes years 0000 to 9999, and an offset moves the instant by up to a day.
        check((-62_167_219_200 - 86_400...253_402_300_799 + 86_400).contains(value.secondsSince1970), "seconds out of range: \(text)")
        check((0..<1_000_000_000).contains(value.nanoseconds), "nanoseconds out of range: \(text)")
        check(Timestamp(rfc3339: value.rfc3339) == value, "reading the text again gives another value: \(text)")
    }
    // As JSON, inside quotes (escapes and all).
    _ = try? JSONDecoder().decode(Timestamp.self, from: Data(("\"" + text + "\"").utf8))
}

/// Any JSON decodes to a `JSONValue` that encodes to JSON that decodes to the same value.
func jsonValue(_ body: Data) {
    guard let value = try? JSONDecoder().decode(JSONValue.self, from: body) else { return }
    guard let encoded = try? JSONEncoder().encode(value) else {
        return check(false, "a decoded JSONValue does not encode")
    }
    let again = try? JSONDecoder().decode(JSONValue.self, from: encoded)
    check(again == value, "a JSONValue changes through encoding: \(String(decoding: encoded, as: UTF8.self))")
}

/// An error answer of any body: its messages, and the typed error for its status.
func errorAnswer(_ body: Data, status: Int) {
    let messages = ProviderMessage.messages(in: body)
    let response = ErrorResponse(status: status, messages: messages, body: body, headers: ["Retry-After": "1"], operationID: "fuzz")
    let error = APIError.forStatus(response)
    check(error.status == status, "the error lost its status")
    _ = error.description
}

/// Successful answers of any body, through envelopes and the generated models.
func answers(_ body: Data) {
    _ = try? Cloudflare.Secrets.get(accountID: "a", storeID: "s", secretID: "x").decodeResponse(body)
    _ = try? Cloudflare.Secrets.list(accountID: "a", storeID: "s").decodeResponse(body)
    _ = try? Lockbox.Operations.get(operationID: "o").decodeResponse(body)
    _ = try? Lockbox.Payloads.get(secretID: "s").decodeResponse(body)
    _ = try? Lockbox.Secrets.get(secretID: "s").decodeResponse(body)
}

/// A path parameter is one percent-encoded segment that decodes back to the value.
func path(_ value: String) {
    let request = Cloudflare.Secrets.get(accountID: value, storeID: "s", secretID: "x")
    let encoded = request.path.encoded
    let prefix = "/accounts/", suffix = "/secrets_store/stores/s/secrets/x"
    check(encoded.hasPrefix(prefix) && encoded.hasSuffix(suffix), "the path's literal parts changed: \(encoded)")
    let segment = String(encoded.dropFirst(prefix.count).dropLast(suffix.count))
    check(!segment.contains("/") && !segment.contains("?") && !segment.contains("#"), "a value breaks out of its segment: \(segment)")
    check(segment.removingPercentEncoding == value, "the segment does not decode to the value: \(segment)")
    // Compared as bytes: a value that starts with a combining mark joins the "/" before it into one
    // Character, and String.hasPrefix compares Characters.
    if let url = try? request.url() {
        check(url.path.utf8.starts(with: "/client/v4/accounts/".utf8), "the URL's path moved: \(url)")
    }
}

/// A query value is percent-encoded so that the URL's query decodes back to it.
func query(_ value: String) {
    let request = Cloudflare.Secrets.list(accountID: "a", storeID: "s", search: value)
    guard let url = try? request.url() else { return check(false, "a query value made the URL invalid") }
    let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQueryItems ?? []
    let found = items.first { $0.name == "search" }?.value?.removingPercentEncoding
    check(found == value, "the query value does not decode to itself: \(url.absoluteString)")
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    FileHandle.standardError.write(Data(("invariant failed: " + message() + "\n").utf8))
    abort()
}
