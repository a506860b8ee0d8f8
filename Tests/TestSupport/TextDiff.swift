/// A unified line diff of two texts, for test failures that must show what changed.
public enum TextDiff {
    /// `---`/`+++` headers, then hunks with `context` lines around each change; empty when equal.
    public static func unified(expected: String, actual: String, name: String, context: Int = 3) -> String {
        guard expected != actual else { return "" }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let script = editScript(old, new)
        var output = ["--- expected/\(name)", "+++ actual/\(name)"]
        var index = 0
        while index < script.count {
            guard script[index].kind != .same else { index += 1; continue }
            let start = max(0, index - context)
            var end = index
            // Extend the hunk while changes are closer than 2 * context lines apart.
            var lastChange = index
            while end < script.count {
                if script[end].kind != .same { lastChange = end }
                if end - lastChange > 2 * context { break }
                end += 1
            }
            end = min(script.count, lastChange + context + 1)
            let oldStart = script[start].oldLine
            let newStart = script[start].newLine
            let slice = script[start..<end]
            let oldCount = slice.filter { $0.kind != .added }.count
            let newCount = slice.filter { $0.kind != .removed }.count
            output.append("@@ -\(oldStart + 1),\(oldCount) +\(newStart + 1),\(newCount) @@")
            for step in slice {
                switch step.kind {
                case .same: output.append(" " + step.text)
                case .removed: output.append("-" + step.text)
                case .added: output.append("+" + step.text)
                }
            }
            index = end
        }
        return output.joined(separator: "\n")
    }

    struct Step {
        enum Kind { case same, removed, added }
        var kind: Kind
        var text: String
        var oldLine: Int
        var newLine: Int
    }

    /// An edit script from a longest common subsequence (quadratic; fine for source files).
    static func editScript(_ old: [String], _ new: [String]) -> [Step] {
        // Trim the common prefix and suffix first: most diffs are small changes in large files.
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var steps: [Step] = (0..<prefix).map { Step(kind: .same, text: old[$0], oldLine: $0, newLine: $0) }
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                steps.append(Step(kind: .same, text: a[i], oldLine: prefix + i, newLine: prefix + j))
                i += 1
                j += 1
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                steps.append(Step(kind: .added, text: b[j], oldLine: prefix + i, newLine: prefix + j))
                j += 1
            } else {
                steps.append(Step(kind: .removed, text: a[i], oldLine: prefix + i, newLine: prefix + j))
                i += 1
            }
        }
        for offset in 0..<suffix {
            let oldLine = old.count - suffix + offset
            steps.append(Step(kind: .same, text: old[oldLine], oldLine: oldLine, newLine: new.count - suffix + offset))
        }
        return steps
    }
}
