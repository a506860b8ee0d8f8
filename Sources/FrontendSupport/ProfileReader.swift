import APIModel
import YAMLReader

/// The one reader of API profiles (`APIProfile`), for the options file of an OpenAPI document, a
/// profile file, and a descriptor's top level alike: the same keys, checked the same way.
extension NodeReader {
    /// The keys of a profile, as they stand in the mapping that holds them.
    public static var profileKeys: [String] { ["renames", "documentation", "errors"] }

    /// The profile whose keys are among `fields` (the values of a mapping read with `fields(_:_:what:allowed:)`,
    /// at `pointer`); keys of `fields` that are not profile keys are left to the caller.
    public func profile(_ fields: [String: YAMLNode], _ pointer: JSONPointer) -> APIProfile {
        var profile = APIProfile()
        if let node = fields["renames"] {
            let here = pointer.appending("renames")
            let renames = self.fields(node, here, what: "'renames'", allowed: ["types", "operations"])
            profile.typeRenames = names(renames["types"], here.appending("types"), what: "the renamed types")
            profile.operationRenames = names(renames["operations"], here.appending("operations"), what: "the renamed operations")
        }
        if let node = fields["documentation"] {
            let here = pointer.appending("documentation")
            let documentation = self.fields(node, here, what: "'documentation'", allowed: ["types", "operations", "auth"])
            profile.typeDocumentation = texts(documentation["types"], here.appending("types"), what: "'types'")
            profile.operationDocumentation = texts(documentation["operations"], here.appending("operations"), what: "'operations'")
            profile.authDocumentation = texts(documentation["auth"], here.appending("auth"), what: "'auth'")
        }
        if let node = fields["errors"] {
            let here = pointer.appending("errors")
            let shape = self.fields(node, here, what: "'errors'", allowed: ["list", "message", "code"])
            func path(_ key: String) -> [String]? {
                string(shape[key], here.appending(key), what: "'\(key)'").map { $0.split(separator: ".").map(String.init) }
            }
            if let message = path("message") {
                profile.errorShape = ErrorShape(list: path("list"), message: message, code: path("code"), origin: origin(node, here))
            } else if shape["message"] == nil {
                error("'errors' needs 'message': the key (or dotted key path) of a message's text", node, here)
            }
        }
        return profile
    }

    /// `{ InputName: SwiftName }`.
    private func names(_ node: YAMLNode?, _ pointer: JSONPointer, what: String) -> [APIProfile.Entry<String>] {
        guard let node else { return [] }
        return entries(node, pointer, what: what).compactMap { target, keyNode, value in
            string(value, pointer.appending(target), what: "the new name of '\(target)'").map {
                APIProfile.Entry(target: target, value: $0, origin: origin(keyNode, pointer.appending(target)))
            }
        }
    }

    /// `{ InputName: text }` (the description) or `{ InputName: { summary: text, description: text } }`:
    /// the whole documentation of the construct, replacing the input's.
    private func texts(_ node: YAMLNode?, _ pointer: JSONPointer, what: String) -> [APIProfile.Entry<Documentation>] {
        guard let node else { return [] }
        return entries(node, pointer, what: what).compactMap { target, keyNode, value in
            let here = pointer.appending(target)
            let documentation: Documentation
            if value.mapping != nil {
                let parts = fields(value, here, what: "the documentation of '\(target)'", allowed: ["summary", "description"])
                documentation = Documentation(summary: string(parts["summary"], here.appending("summary"), what: "'summary'"),
                                              details: string(parts["description"], here.appending("description"), what: "'description'"))
            } else {
                guard let text = string(value, here, what: "the documentation of '\(target)'") else { return nil }
                documentation = Documentation(details: text)
            }
            return APIProfile.Entry(target: target, value: documentation, origin: origin(keyNode, here))
        }
    }
}
