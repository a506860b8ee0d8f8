import Spec2SwiftRuntime
import Testing

@Suite struct PathEncodingTests {
    @Test func reservedCharactersStayInOneSegment() {
        let value = "a/b c?d%e#f"
        let path: RequestPath = "/secrets/\(value)"
        #expect(path.encoded == "/secrets/a%2Fb%20c%3Fd%25e%23f")
        #expect(path.encoded.split(separator: "/").count == 2)
        #expect(path.description == path.encoded)
    }

    @Test func nonASCIIIsEncodedInUpperCaseHex() {
        let value = "ключ"
        let path: RequestPath = "/secrets/\(value)"
        #expect(path.encoded == "/secrets/%D0%BA%D0%BB%D1%8E%D1%87")
    }

    @Test func dotSegmentsCannotClimb() {
        let dot = "."
        let dots = ".."
        let one: RequestPath = "/a/\(dot)/b"
        let two: RequestPath = "/a/\(dots)/b"
        #expect(one.encoded == "/a/%2E/b")
        #expect(two.encoded == "/a/%2E%2E/b")
        // Dots inside a longer value are unreserved and stay as they are.
        let name = "v1.2..3"
        let other: RequestPath = "/a/\(name)"
        #expect(other.encoded == "/a/v1.2..3")
    }

    @Test func integersAreDecimal() {
        let project = 42
        let region: Int64 = -7
        let small: Int32 = 0
        let path: RequestPath = "/projects/\(project)/regions/\(region)/\(small)"
        #expect(path.encoded == "/projects/42/regions/-7/0")
    }

    @Test func otherParameterValues() {
        let flag = true
        let ratio = 2.0
        let fraction = 0.25
        let path: RequestPath = "/\(flag)/\(ratio)/\(fraction)"
        #expect(path.encoded == "/true/2/0.25")
    }

    @Test func unreservedCharactersAreKept() {
        let value = "AZaz09-._~"
        let path: RequestPath = "/\(value)"
        #expect(path.encoded == "/AZaz09-._~")
    }

    @Test func subDelimitersInAValueAreEncoded() {
        let value = "a+b=c&d;e,f:g@h!i'j(k)l*m$n"
        let path: RequestPath = "/\(value)"
        #expect(path.encoded == "/a%2Bb%3Dc%26d%3Be%2Cf%3Ag%40h%21i%27j%28k%29l%2Am%24n")
    }

    @Test func templateLiteralKeepsPathCharacters() {
        let path: RequestPath = "/zones/a:b@c/$x,y;z=1"
        #expect(path.encoded == "/zones/a:b@c/$x,y;z=1")
        let spaced: RequestPath = "/with space/ключ"
        #expect(spaced.encoded == "/with%20space/%D0%BA%D0%BB%D1%8E%D1%87")
    }

    @Test func interpolationAfterLiteralOnly() {
        let id = "x y"
        let path: RequestPath = "/items/\(id):publish"
        #expect(path.encoded == "/items/x%20y:publish")
        #expect(path == RequestPath(stringLiteral: "/items/x%20y:publish"))
    }
}
