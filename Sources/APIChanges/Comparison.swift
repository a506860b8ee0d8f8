import Foundation

/// Compares two manifests of one API and decides, for each change, whether it breaks callers' source.
///
/// What breaks depends on how callers use a construct, which the type's carriers tell: callers build
/// the types requests carry (through the memberwise initializer) and read the types answers carry
/// (and `switch` over their enums). A type no operation mentions counts as both. Existing callers
/// use the old API, so a member's position is its type's in the old version.
///
/// - Removing anything breaks callers.
/// - Adding: a property that the initializer requires breaks callers that build the type; a function
///   parameter without a default breaks calls; an enum case or union member breaks exhaustive
///   `switch`es over types callers read. Everything else added is compatible.
/// - Changing: a Swift type or kind of declaration breaks; in built types (and parameters) a value
///   that may no longer be left out, an optional that is no longer optional, `Nullable` added or
///   removed, or initializer arguments in another order break; in read types any change of the
///   declared type (`T` to `T?` or back) breaks. Deprecation, defaults and wire details do not break.
/// - Changes to documentation, spec pointers and the API version alone are counted apart.
public enum APIComparison {
    public static func compare(_ old: APIManifest, _ new: APIManifest) -> APIChangeReport {
        let before = ManifestIndex(old)
        let after = ManifestIndex(new)
        var changes: [APIChange] = []
        var documentation: [DocumentationChange] = []

        for entry in new.entries where before.entry(entry.key) == nil {
            // Members of a new type or function are part of it (a new group's functions are each new).
            if let owner = after.owner(of: entry), owner.kind == .type || owner.kind == .operation, before.entry(owner.key) == nil { continue }
            changes.append(added(entry, in: after, existing: before))
        }
        for entry in old.entries where after.entry(entry.key) == nil {
            if let owner = before.owner(of: entry), owner.kind == .type || owner.kind == .operation, after.entry(owner.key) == nil { continue }
            changes.append(removed(entry, in: before))
        }
        for entry in new.entries {
            guard let previous = before.entry(entry.key) else { continue }
            if let change = changed(previous, entry, before: before, after: after) { changes.append(change) }
            var details: [String] = []
            if previous.documentation != entry.documentation { details.append("documentation") }
            if previous.pointer != entry.pointer && entry.showsPointer { details.append("pointer \(previous.pointer ?? "none") -> \(entry.pointer ?? "none")") }
            if previous.version != entry.version { details.append("version \(previous.version ?? "none") -> \(entry.version ?? "none")") }
            if !details.isEmpty {
                documentation.append(DocumentationChange(kind: entry.kind, name: entry.name, pointer: entry.pointer,
                                                         detail: details.joined(separator: ", "), container: after.container(of: entry)))
            }
        }
        changes.sort { a, b in
            (a.breaking ? 0 : 1, a.name, a.kind.order, a.action.order) < (b.breaking ? 0 : 1, b.name, b.kind.order, b.action.order)
        }
        documentation.sort { ($0.name, $0.kind.order) < ($1.name, $1.kind.order) }
        return APIChangeReport(namespace: new.namespace, changes: changes, documentation: documentation)
    }

    // MARK: - Added and removed

    private static func added(_ entry: ManifestEntry, in index: ManifestIndex, existing: ManifestIndex) -> APIChange {
        // A new type is used as the new version uses it; a member of an existing one, as callers use its owner.
        let owner = index.owner(of: entry).flatMap { existing.entry($0.key) }
        let position = entry.kind == .type ? index.position(of: entry) : owner.map { existing.position(of: $0) } ?? index.position(of: entry)
        var breaking = false
        var reason = "nothing existing refers to it"
        switch entry.kind {
        case .property:
            breaking = position.built && !entry.defaulted && !entry.computed
            if !position.built {
                reason = "callers only read `\(owner?.name ?? "the type")`, they do not build it"
            } else if breaking {
                reason = "code that builds `\(owner?.name ?? "the type")` must now pass it"
            } else {
                reason = entry.computed ? "it is a constant, not an initializer argument" : "the initializer defaults it"
            }
        case .parameter:
            breaking = !entry.defaulted
            reason = breaking ? "calls must now pass it" : "it defaults to nil"
        case .enumCase, .member:
            breaking = position.read
            reason = breaking ? "exhaustive `switch`es over `\(owner?.name ?? "the type")` no longer compile"
                : "callers only build `\(owner?.name ?? "the type")` values, they do not read them"
        default:
            break
        }
        return change(entry, .added, in: index, position: position, differences: [], breaking: breaking, reason: reason)
    }

    private static func removed(_ entry: ManifestEntry, in index: ManifestIndex) -> APIChange {
        change(entry, .removed, in: index, position: index.position(of: entry), differences: [], breaking: true,
               reason: "code that uses it no longer compiles")
    }

    private static func change(_ entry: ManifestEntry, _ action: APIChange.Action, in index: ManifestIndex,
                               position: ManifestEntry.Carriers, differences: [APIChange.Difference], breaking: Bool,
                               reason: String) -> APIChange {
        APIChange(kind: entry.kind, action: action, name: entry.name, display: index.display(entry), what: index.what(entry),
                  pointer: entry.pointer ?? index.owner(of: entry)?.pointer, carriers: [.type, .property, .enumCase, .member].contains(entry.kind) ? position : nil,
                  declaration: action == .changed ? nil : declared(entry), differences: differences, breaking: breaking,
                  reason: reason, container: index.container(of: entry))
    }

    // MARK: - Changed

    private static func changed(_ old: ManifestEntry, _ new: ManifestEntry, before: ManifestIndex, after: ManifestIndex) -> APIChange? {
        typealias Difference = APIChange.Difference
        let position = before.position(of: old)
        var differences: [Difference] = []
        var reasons: [String] = []
        if old.shape != new.shape {
            differences.append(Difference(aspect: .shape, phrase: "changed kind", old: old.shape, new: new.shape))
            reasons.append("it is now declared as `\(new.shape ?? "")`, not `\(old.shape ?? "")`")
        }
        if old.type != new.type {
            differences.append(Difference(aspect: .type, phrase: new.kind == .auth ? "changed labels" : "changed type",
                                          old: declared(old), new: declared(new)))
            reasons.append(new.kind == .auth ? "calls use the old labels" : "code that uses its old type no longer compiles")
        }
        if old.defaulted != new.defaulted {
            differences.append(Difference(aspect: .optionality, phrase: new.defaulted ? "now optional" : "now required",
                                          old: declared(old), new: declared(new)))
        }
        if old.nullable != new.nullable || old.threeState != new.threeState {
            differences.append(Difference(aspect: .nullability, phrase: new.nullable ? "now nullable" : "no longer nullable",
                                          old: declared(old), new: declared(new)))
        }
        if old.computed != new.computed {
            differences.append(Difference(aspect: .constant, phrase: new.computed ? "now constant" : "no longer constant",
                                          old: declared(old), new: declared(new)))
        }
        reasons += declaredFormReasons(old, new, position: position)
        if let order = orderChange(of: old, new, before: before, after: after) {
            differences.append(order.difference)
            if let reason = order.breakingReason { reasons.append(reason) }
        }
        if old.deprecated != new.deprecated {
            differences.append(Difference(aspect: .deprecated, phrase: new.deprecated ? "deprecated" : "no longer deprecated",
                                          old: nil, new: nil))
        }
        if old.defaultValue != new.defaultValue {
            differences.append(Difference(aspect: .defaultValue, phrase: "with a new default", old: old.defaultValue ?? "none",
                                          new: new.defaultValue ?? "none"))
        }
        if old.wire != new.wire {
            let (before, after) = differingParts(old.wire, new.wire)
            differences.append(Difference(aspect: .wire, phrase: "changed on the wire", old: before, new: after))
        }
        guard !differences.isEmpty else { return nil }
        let reason = reasons.first ?? compatibleReason(differences.map(\.aspect), position: position, kind: new.kind)
        return change(new, .changed, in: after, position: position, differences: differences, breaking: !reasons.isEmpty,
                      reason: reason)
    }

    /// Why a property's or parameter's declared form breaks callers, if it does.
    private static func declaredFormReasons(_ old: ManifestEntry, _ new: ManifestEntry, position: ManifestEntry.Carriers) -> [String] {
        guard old.kind == .property || old.kind == .parameter else { return [] }
        var reasons: [String] = []
        if position.built {
            if (old.defaulted || old.computed) && !(new.defaulted || new.computed) {
                reasons.append("calls that leave it out no longer compile")
            } else if old.optional && !new.optional && !new.computed {
                reasons.append("calls that pass nil or an optional no longer compile")
            }
            if !old.computed && new.computed { reasons.append("calls that pass it no longer compile") }
            if old.threeState != new.threeState {
                reasons.append(new.threeState ? "values passed for it must now be wrapped in `Nullable`"
                                              : "values passed for it can no longer be `Nullable`")
            }
        }
        if position.read && (old.optional != new.optional || old.threeState != new.threeState) {
            reasons.append("code that reads it gets `\(bare(new))` instead of `\(bare(old))`")
        }
        return reasons
    }

    private static func compatibleReason(_ aspects: [APIChange.Aspect], position: ManifestEntry.Carriers, kind: ManifestEntry.Kind) -> String {
        if aspects.contains(.optionality) || aspects.contains(.nullability) {
            return position.read ? "code that reads it sees the same Swift type" : "existing calls still compile"
        }
        if aspects.contains(.order) { return "callers do not depend on the order" }
        if aspects.contains(.deprecated) { return "code that uses it still compiles, with a deprecation warning" }
        if aspects.contains(.wire) { return "only what is sent or read on the wire changes" }
        return "callers' source is unaffected"
    }

    /// The members whose order callers depend on, in both versions: a function's parameters, a struct's
    /// initializer arguments; and cases and members, whose order is only their declaration's.
    private static func orderChange(of old: ManifestEntry, _ new: ManifestEntry, before: ManifestIndex, after: ManifestIndex)
        -> (difference: APIChange.Difference, breakingReason: String?)? {
        guard old.kind == .type || old.kind == .operation else { return nil }
        func members(_ index: ManifestIndex, _ entry: ManifestEntry) -> [String] {
            index.children(of: entry).filter { ($0.kind == .property && !$0.computed) || [.parameter, .enumCase, .member].contains($0.kind) }
                .map { String($0.name.dropFirst(entry.name.count + 1)) }
        }
        let oldMembers = members(before, old)
        let newMembers = members(after, new)
        let common = Set(oldMembers).intersection(newMembers)
        let oldOrder = oldMembers.filter(common.contains)
        let newOrder = newMembers.filter(common.contains)
        guard oldOrder != newOrder else { return nil }
        let difference = APIChange.Difference(aspect: .order, phrase: "reordered", old: oldOrder.joined(separator: ", "),
                                              new: newOrder.joined(separator: ", "))
        if new.kind == .operation { return (difference, "calls pass the arguments in the old order") }
        if new.shape == "struct" && before.position(of: old).built {
            return (difference, "code that builds it passes the initializer's arguments in the old order")
        }
        return (difference, nil)
    }

    // MARK: - Text

    /// Wire descriptions are lists (`GET /a, id "x", server S`): only the items that differ, when both have as many.
    static func differingParts(_ old: String?, _ new: String?) -> (String?, String?) {
        guard let old, let new else { return (old, new) }
        let before = old.components(separatedBy: ", ")
        let after = new.components(separatedBy: ", ")
        guard before.count == after.count, before.count > 1 else { return (old, new) }
        let differing = zip(before, after).filter { $0 != $1 }
        return (differing.map(\.0).joined(separator: ", "), differing.map(\.1).joined(separator: ", "))
    }

    /// The declared form without a default: `String?`, `Nullable<String>?`.
    static func bare(_ entry: ManifestEntry) -> String {
        let type = entry.type ?? ""
        if entry.threeState { return "Nullable<\(type)>?" }
        return entry.optional ? type + "?" : type
    }

    /// How an entry is declared, for the report.
    static func declared(_ entry: ManifestEntry) -> String? {
        switch entry.kind {
        case .property, .parameter:
            if entry.computed { return bare(entry) + " (constant)" }
            guard entry.defaulted else { return bare(entry) }
            if entry.optional { return bare(entry) + " = nil" }
            // A content type's default is its first media type; other non-optional defaults are empty maps.
            if entry.wire == "content type", let value = entry.defaultValue { return bare(entry) + " = " + value }
            return bare(entry) + " = [:]"
        case .operation:
            return entry.shape == "operation" ? "Request<\(entry.type ?? "")>" : entry.type
        case .type:
            return [entry.shape, entry.type.map { "= " + $0 }].compactMap { $0 }.joined(separator: " ")
        case .member:
            return entry.type.map { "(" + $0 + ")" }
        case .enumCase, .server, .errorShape, .group:
            return entry.wire
        case .auth:
            return entry.type
        case .namespace:
            return entry.version.map { "version " + $0 }
        }
    }
}

extension ManifestEntry.Kind {
    /// The order kinds are listed in, when names are equal, and in summaries.
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

extension APIChange.Action {
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// A manifest looked up by key, by owner and by the file that holds each construct.
struct ManifestIndex {
    let manifest: APIManifest
    private let byKey: [String: Int]
    /// Types, groups, functions and the namespace, by name: what can own other entries.
    private let owners: [String: Int]
    private let childIndices: [String: [Int]]

    init(_ manifest: APIManifest) {
        self.manifest = manifest
        var byKey: [String: Int] = [:]
        var owners: [String: Int] = [:]
        for (offset, entry) in manifest.entries.enumerated() {
            if byKey[entry.key] == nil { byKey[entry.key] = offset }
            if [.namespace, .type, .group, .operation].contains(entry.kind), owners[entry.name] == nil { owners[entry.name] = offset }
        }
        self.byKey = byKey
        self.owners = owners
        var children: [String: [Int]] = [:]
        for (offset, entry) in manifest.entries.enumerated() {
            if let owner = Self.ownerOffset(of: entry, owners: owners, entries: manifest.entries) {
                children[manifest.entries[owner].key, default: []].append(offset)
            }
        }
        childIndices = children
    }

    func entry(_ key: String) -> ManifestEntry? {
        byKey[key].map { manifest.entries[$0] }
    }

    private static func ownerOffset(of entry: ManifestEntry, owners: [String: Int], entries: [ManifestEntry]) -> Int? {
        guard entry.kind != .namespace else { return nil }
        var name = Substring(entry.name)
        while let dot = name.lastIndex(of: ".") {
            name = name[..<dot]
            if let offset = owners[String(name)], entries[offset].key != entry.key { return offset }
        }
        return nil
    }

    /// The type, function, group or namespace the entry is declared in.
    func owner(of entry: ManifestEntry) -> ManifestEntry? {
        Self.ownerOffset(of: entry, owners: owners, entries: manifest.entries).map { manifest.entries[$0] }
    }

    func children(of entry: ManifestEntry) -> [ManifestEntry] {
        (childIndices[entry.key] ?? []).map { manifest.entries[$0] }
    }

    /// What carries the construct: a type's own carriers; a member's, its type's; a parameter's, requests.
    func position(of entry: ManifestEntry) -> ManifestEntry.Carriers {
        var current = entry
        while true {
            if current.kind == .type { return current.carriers ?? .none }
            if current.kind == .parameter || current.kind == .operation { return .requests }
            guard let owner = owner(of: current) else { return .none }
            current = owner
        }
    }

    /// The file that holds the construct, as the top-level declaration it belongs to.
    func container(of entry: ManifestEntry) -> APIChange.Container {
        var current = entry
        while let owner = owner(of: current) {
            if owner.kind == .namespace {
                switch current.kind {
                case .type where current.shape != "envelope": return .type(current.name)
                case .group: return .group(current.name)
                default: return .namespace
                }
            }
            current = owner
        }
        return .namespace
    }

    /// A function with its labels, a parameter inside its function, anything else by name.
    func display(_ entry: ManifestEntry) -> String {
        switch entry.kind {
        case .operation where entry.shape == "wait":
            return entry.name + "(for:)"
        case .operation where entry.shape == "tasks":
            return entry.name
        case .operation:
            return entry.name + "(" + children(of: entry).filter { $0.kind == .parameter }
                .map { ($0.name.split(separator: ".").last.map(String.init) ?? "") + ":" }.joined() + ")"
        case .parameter:
            guard let function = owner(of: entry) else { return entry.name }
            return function.name + "(" + entry.name.dropFirst(function.name.count + 1) + ":)"
        case .auth:
            return entry.name + (entry.type ?? "")
        default:
            return entry.name
        }
    }

    /// What the construct is, in words.
    func what(_ entry: ManifestEntry) -> String {
        switch entry.kind {
        case .namespace: return "namespace"
        case .server: return "server"
        case .errorShape: return "error shape"
        case .auth: return "authentication function"
        case .group: return "operation group"
        case .type: return entry.shape == "one-of" ? "one-of enum" : "type"
        case .property: return "property"
        case .enumCase: return "enum case"
        case .member: return owner(of: entry)?.shape == "one-of" ? "one-of case" : "union member"
        case .operation:
            switch entry.shape {
            case "pages": return "paging helper"
            case "wait": return "wait helper"
            case "waits": return "waiting helper"
            case "tasks": return "task conformance"
            case "stream": return "streaming form"
            default: return "operation"
            }
        case .parameter: return "parameter"
        }
    }
}
