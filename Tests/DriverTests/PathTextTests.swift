import Foundation
import FrontendSupport
import Testing

/// `PathText.parent` stands in for `NSString.deletingLastPathComponent`, which traps on a path
/// without a slash on Linux (`spec2swift generate ... --output o` crashed).
@Suite struct PathTextTests {
    @Test(arguments: [
        ("a/b/c", "a/b"), ("a/b", "a"), ("a", ""), ("o", ""), ("/a", "/"), ("/", "/"), ("", ""),
        ("a/b/", "a"), ("a//b", "a"), ("../x.yaml", ".."), ("./x", "."),
    ])
    func parentIsThePathWithoutItsLastComponent(_ path: String, _ parent: String) {
        #expect(PathText.parent(path) == parent)
    }
}
