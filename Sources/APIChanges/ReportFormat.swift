/// The report as text for a terminal, Markdown for a pull-request comment, or JSON for tools.
public enum ReportFormat: String, Hashable, Sendable, CaseIterable {
    case text, markdown, json
}

extension APIChangeReport {
    /// One line: `2 operations added, 1 property now optional (breaking), 14 doc changes`.
    public var summary: String {
        var groups: [(key: String, order: (Int, Int, Int), count: Int, breaking: Int)] = []
        for change in changes {
            let phrase = change.action == .changed ? change.summaryDifference?.phrase ?? "changed" : change.action.rawValue
            let aspectOrder = change.summaryDifference.flatMap { APIChange.Aspect.allCases.firstIndex(of: $0.aspect) } ?? 0
            let key = plural(change.what) + " " + phrase
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].count += 1
                groups[index].breaking += change.breaking ? 1 : 0
            } else {
                groups.append((key, (change.kind.order, change.action.order, aspectOrder), 1, change.breaking ? 1 : 0))
            }
        }
        groups.sort { ($0.order.0, $0.order.1, $0.order.2, $0.key) < ($1.order.0, $1.order.1, $1.order.2, $1.key) }
        var parts = groups.map { group in
            let text = "\(group.count) " + (group.count == 1 ? singular(group.key) : group.key)
            if group.breaking == 0 { return text }
            return text + (group.breaking == group.count ? " (breaking)" : " (\(group.breaking) breaking)")
        }
        if !documentation.isEmpty {
            parts.append("\(documentation.count) doc change\(documentation.count == 1 ? "" : "s")")
        }
        return parts.isEmpty ? "no change to the Swift API" : parts.joined(separator: ", ")
    }

    private func plural(_ what: String) -> String {
        what.hasSuffix("y") ? what.dropLast() + "ies" : what + "s"
    }

    /// The group key with its noun in the singular (`properties now optional` -> `property now optional`).
    private func singular(_ key: String) -> String {
        for change in changes where key.hasPrefix(plural(change.what) + " ") {
            return change.what + key.dropFirst(plural(change.what).count)
        }
        return key
    }

    public func rendered(_ format: ReportFormat, old: String, new: String) -> String {
        switch format {
        case .text: return text(old: old, new: new)
        case .markdown: return markdown(old: old, new: new)
        case .json: return json(old: old, new: new)
        }
    }

    // MARK: - Text

    private func text(old: String, new: String) -> String {
        var lines = ["Swift API changes in \(namespace): \(old) -> \(new)", "Summary: \(summary)"]
        for (title, part) in [("Source-breaking for callers", breaking), ("Compatible", compatible)] where !part.isEmpty {
            lines.append("")
            lines.append("\(title) (\(part.count)):")
            for change in part {
                lines.append("  - \(change.headline)")
                for difference in change.differences {
                    lines.append("      \(difference.text)")
                }
                lines.append("      " + change.reason + (change.pointer.map { "; " + JSONText.visible($0) } ?? ""))
            }
        }
        if !documentation.isEmpty {
            lines.append("")
            lines.append("Documentation only (\(documentation.count)):")
            for change in documentation {
                lines.append("  - \(change.name): \(JSONText.visible(change.detail))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Markdown

    private func markdown(old: String, new: String) -> String {
        var lines = ["### Swift API changes in `\(namespace)`", "", "`\(old)` → `\(new)`: \(summary)"]
        for (title, part) in [("Source-breaking for callers", breaking), ("Compatible", compatible)] where !part.isEmpty {
            lines.append("")
            lines.append("#### \(title) (\(part.count))")
            lines.append("")
            for change in part {
                let declaration = change.declaration.map { " `\(Markdown.code($0))`" } ?? ""
                lines.append("- \(change.what) \(change.action.rawValue): `\(Markdown.code(change.display))`\(declaration)"
                             + (change.positionText.map { " (\($0))" } ?? ""))
                for difference in change.differences {
                    lines.append("  - \(difference.phrase)" + (difference.values.map { ": `\(Markdown.code($0))`" } ?? ""))
                }
                lines.append("  - " + change.reason + (change.pointer.map { "; `\(Markdown.code($0))`" } ?? ""))
            }
        }
        if !documentation.isEmpty {
            lines.append("")
            lines.append("<details><summary>Documentation only (\(documentation.count))</summary>")
            lines.append("")
            for change in documentation {
                lines.append("- `\(Markdown.code(change.name))`: \(Markdown.text(change.detail))")
            }
            lines.append("")
            lines.append("</details>")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - JSON

    private func json(old: String, new: String) -> String {
        func string(_ text: String?) -> String { text.map(JSONText.string) ?? "null" }
        func object(_ pairs: [(String, String)], indent: String) -> String {
            "{\n" + pairs.map { indent + "  " + JSONText.string($0.0) + ": " + $0.1 }.joined(separator: ",\n") + "\n" + indent + "}"
        }
        func list(_ items: [String], indent: String) -> String {
            items.isEmpty ? "[]" : "[\n" + items.map { indent + "  " + $0 }.joined(separator: ",\n") + "\n" + indent + "]"
        }
        let changeObjects = changes.map { change in
            object([
                ("breaking", change.breaking ? "true" : "false"),
                ("action", string(change.action.rawValue)),
                ("kind", string(change.what)),
                ("swiftName", string(change.display)),
                ("pointer", string(change.pointer)),
                ("carriedBy", string(change.carriers?.rawValue)),
                ("declaration", string(change.declaration)),
                ("differences", list(change.differences.map { difference in
                    "{" + [("aspect", string(difference.aspect.rawValue)), ("change", string(difference.phrase)),
                           ("old", string(difference.old)), ("new", string(difference.new))]
                        .map { JSONText.string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
                }, indent: "      ")),
                ("reason", string(change.reason)),
            ], indent: "    ")
        }
        let documentationObjects = documentation.map { change in
            "{" + [("swiftName", string(change.name)), ("pointer", string(change.pointer)), ("change", string(change.detail))]
                .map { JSONText.string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
        }
        return object([
            ("namespace", string(namespace)),
            ("old", string(old)),
            ("new", string(new)),
            ("summary", string(summary)),
            ("breaking", String(breaking.count)),
            ("compatible", String(compatible.count)),
            ("changes", list(changeObjects, indent: "  ")),
            ("documentationChanges", list(documentationObjects, indent: "  ")),
        ], indent: "") + "\n"
    }
}

extension APIChange {
    /// The difference the summary names: the first that breaks callers, or the first.
    var summaryDifference: Difference? {
        let breakingAspects: [Aspect] = [.shape, .type, .optionality, .nullability, .constant, .order]
        return breaking ? differences.first { breakingAspects.contains($0.aspect) } ?? differences.first : differences.first
    }

    /// One line: `property added: Gcore.Secret.mode: String? = nil (in answers)`.
    public var headline: String {
        "\(what) \(action.rawValue): \(display)" + (declaration.map { ": " + JSONText.visible($0) } ?? "") + (positionText.map { " (\($0))" } ?? "")
    }

    /// Where callers meet the type the construct belongs to.
    var positionText: String? {
        switch carriers {
        case .requests?: return "in requests"
        case .answers?: return "in answers"
        case .both?: return "in requests and answers"
        case .none?: return "used by no operation"
        case nil: return nil
        }
    }
}

extension APIChange.Difference {
    /// `old -> new`, or nil when the phrase says it all.
    var values: String? {
        guard old != nil || new != nil else { return nil }
        return "\(old ?? "none") -> \(new ?? "none")"
    }

    var text: String {
        phrase + (values.map { ": " + JSONText.visible($0) } ?? "")
    }
}

/// Text inside Markdown: code spans cannot hold a backtick run of the span's own length, and plain
/// text must not start lists, headings or HTML.
enum Markdown {
    static func code(_ text: String) -> String {
        String(JSONText.visible(text).map { $0 == "`" ? "'" : $0 })
    }

    static func text(_ text: String) -> String {
        var result = ""
        for character in JSONText.visible(text) {
            if "\\`*_[]<>#|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
