import Foundation
import Spec2SwiftRuntime
import Testing

private struct Credentials: Codable {
    var user: String
    var password: SecretString
    var key: SecretBytes
}

/// Every way Swift prints a value.
private func renderings(_ value: Any) -> [String] {
    var dumped = ""
    dump(value, to: &dumped)
    return [String(describing: value), String(reflecting: value), "\(value)", dumped]
}

@Suite struct SecretTests {
    static let secret = "hunter2-s3cr3t"

    @Test func secretStringIsNeverPrinted() {
        let value = SecretString(Self.secret)
        for text in renderings(value) {
            #expect(!text.contains(Self.secret), "\(text)")
            #expect(!text.contains("hunter2"))
        }
        #expect(value.description == "<redacted>")
        #expect(value.value == Self.secret)
    }

    @Test func secretBytesAreNeverPrinted() {
        let value = SecretBytes(Data(Self.secret.utf8))
        let base64 = Data(Self.secret.utf8).base64EncodedString()
        for text in renderings(value) {
            #expect(!text.contains("hunter2"), "\(text)")
            #expect(!text.contains(base64))
        }
        #expect(value.description == "<redacted \(Self.secret.utf8.count) bytes>")
    }

    @Test func secretsInsideAStructAreNeverPrinted() {
        let credentials = Credentials(user: "alice", password: SecretString(Self.secret), key: SecretBytes(Data(Self.secret.utf8)))
        for text in renderings(credentials) {
            #expect(!text.contains("hunter2"), "\(text)")
            #expect(text.contains("alice"))
        }
    }

    @Test func secretsStillEncodeTheirValue() throws {
        let credentials = Credentials(user: "alice", password: "pw", key: SecretBytes(Data("hunter2".utf8)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(credentials), as: UTF8.self)
        #expect(text == #"{"key":"aHVudGVyMg==","password":"pw","user":"alice"}"#)
        let decoded = try JSONDecoder().decode(Credentials.self, from: Data(text.utf8))
        #expect(decoded.password.value == "pw")
        #expect(decoded.key.value == Data("hunter2".utf8))
    }

    @Test func secretStringIsAParameterValue() {
        #expect(SecretString("v").parameterText == "v")
    }

    @Test(arguments: [
        ("aHVudGVyMg==", Array("hunter2".utf8)),
        ("aHVudGVyMg", Array("hunter2".utf8)),
        ("+/+/", [0xFB, 0xFF, 0xBF]),
        ("-_-_", [0xFB, 0xFF, 0xBF]),
        ("+/8=", [0xFB, 0xFF]),
        ("-_8", [0xFB, 0xFF]),
        ("", []),
    ] as [(String, [UInt8])])
    func secretBytesDecodeBase64Variants(_ text: String, _ bytes: [UInt8]) throws {
        let decoded = try JSONDecoder().decode([SecretBytes].self, from: Data("[\"\(text)\"]".utf8))
        #expect(decoded.first?.value == Data(bytes))
    }

    @Test(arguments: ["a", "####", "aHVud*GVy"])
    func secretBytesRejectNonBase64(_ text: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([SecretBytes].self, from: Data("[\"\(text)\"]".utf8))
        }
    }

    @Test func bearerAuthenticationIsNeverPrinted() {
        let authentication = Authentication.bearer("tok")
        for text in renderings(authentication) {
            #expect(!text.contains("tok"), "\(text)")
            #expect(!text.contains("Bearer"))
        }
        #expect(authentication.description == "Authentication(Authorization: <redacted>)")
        #expect(authentication.headers.first?.value == "Bearer tok")
    }
}
