import Foundation
import GeneratorDriver
import Testing

/// A folder's `spec2swift.yaml` is read with the frontends' checked reader: every mistake is an
/// error at its line and column, with its JSON pointer.
@Suite struct OptionsTests {
    static func input(_ options: String) throws -> (InputSpec?, [String]) {
        let directory = try OutputDirectoryTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try OutputDirectoryTests.writeSpec(options, in: directory, named: "spec2swift.yaml")
        let (input, diagnostics) = ProjectInputs.input(folder: directory)
        return (input, diagnostics.map { $0.description.replacingOccurrences(of: directory + "/", with: "") })
    }

    @Test func readsEveryOption() throws {
        let (input, diagnostics) = try Self.input("""
            input: api.yaml
            namespace: Demo
            auth-prefixes: { APIKey: "APIKey " }
            include-tags: [A, B]
            exclude-operations: [drop]
            allow-refs-outside-folder: true
            access: internal

            """)
        #expect(diagnostics.isEmpty)
        #expect(input?.allowRefsOutsideFolder == true)
        #expect(input?.access == .internal)
        #expect(input?.namespace == "Demo")
        #expect(input?.authPrefixes == ["APIKey": "APIKey "])
        #expect(input?.filter.includeTags == ["A", "B"])
        #expect(input?.filter.excludeOperations == ["drop"])
        #expect(input?.path.hasSuffix("/api.yaml") == true)
    }

    @Test func mistakesAreErrorsWhereTheyAre() throws {
        let (input, diagnostics) = try Self.input("""
            input: api.yaml
            namespace: [Demo]
            colour: blue
            auth-prefixes: { APIKey: [x] }
            include-tags: A
            exclude-tags: [A, { b: c }]

            """)
        #expect(input == nil)
        #expect(diagnostics == [
            "spec2swift.yaml:2:12: error: 'namespace' must be a string, but it is a sequence (#/namespace)",
            "spec2swift.yaml:3:1: error: unknown key 'colour' in spec2swift.yaml; the keys are: input, namespace, auth-prefixes, "
                + "include-tags, exclude-tags, include-operations, exclude-operations, profile, profile-file, allow-refs-outside-folder, access, files (#/colour)",
            "spec2swift.yaml:4:26: error: the prefix of 'APIKey' must be a string, but it is a sequence (#/auth-prefixes/APIKey)",
            "spec2swift.yaml:5:15: error: 'include-tags' must be a list, but it is a string; write a list, as in [a, b] (#/include-tags)",
            "spec2swift.yaml:6:19: error: an item of 'exclude-tags' must be a string, but it is a mapping (#/exclude-tags/1)",
        ])
    }

    @Test func profileMistakesAreErrorsWhereTheyAre() throws {
        let (input, diagnostics) = try Self.input("""
            input: api.yaml
            profile:
              renames: { types: { A: [B] }, fields: {} }
              documentation: { auth: { key: { summary: x, details: y } } }
              pages: {}
              paging: [{ offset: offset, limit: 10 }, { items: results }, { page: page }]
              tasks: { ids: tasks, poll: getTask, id: id, state: state, finished: DONE }
              envelope: { result: result, fields: {} }

            """)
        #expect(input == nil)
        #expect(diagnostics == [
            "spec2swift.yaml:3:26: error: the new name of 'A' must be a string, but it is a sequence (#/profile/renames/types/A)",
            "spec2swift.yaml:3:33: error: unknown key 'fields' in 'renames'; the keys are: types, operations (#/profile/renames/fields)",
            "spec2swift.yaml:4:47: error: unknown key 'details' in the documentation of 'key'; the keys are: summary, description "
                + "(#/profile/documentation/auth/key/details)",
            "spec2swift.yaml:5:3: error: unknown key 'pages' in 'profile'; the keys are: renames, documentation, errors, envelope, paging, "
                + "tasks, long-running-operations, streams, idempotency-key (#/profile/pages)",
            "spec2swift.yaml:6:30: error: unknown key 'limit' in a paging rule; the keys are: page, total-pages, offset, total, token, "
                + "next-token, items, operations (#/profile/paging/0/limit)",
            "spec2swift.yaml:6:43: error: a paging rule needs exactly one of 'page' (page numbers), 'offset' (items skipped) or 'token' "
                + "(the next page's token): the query parameter that asks for a page (#/profile/paging/1)",
            "spec2swift.yaml:6:63: error: this paging rule needs 'total-pages': the key path of the number of pages, in the envelope "
                + "or the answer (#/profile/paging/2)",
            "spec2swift.yaml:7:10: error: 'tasks' needs 'failed': the state (or list of states) of a task that failed (#/profile/tasks)",
            "spec2swift.yaml:8:39: error: 'fields' belongs in descriptors: an OpenAPI document's answers already describe the envelope's "
                + "other fields; leave it out (#/profile/envelope/fields)",
        ])
    }

    @Test func aProfileFileIsReadLikeTheProfileKey() throws {
        let directory = try OutputDirectoryTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try OutputDirectoryTests.writeSpec("renames: { types: { A: B } }\ncolour: blue\n", in: directory, named: "api.profile.yaml")
        _ = try OutputDirectoryTests.writeSpec("input: api.yaml\nprofile-file: api.profile.yaml\n", in: directory, named: "spec2swift.yaml")
        let (input, diagnostics) = ProjectInputs.input(folder: directory)
        #expect(input == nil)
        #expect(diagnostics.map { $0.description.replacingOccurrences(of: directory + "/", with: "") } == [
            "api.profile.yaml:2:1: error: unknown key 'colour' in the profile; the keys are: renames, documentation, errors, envelope, "
                + "paging, tasks, long-running-operations, streams, idempotency-key (#/colour)",
        ])
    }

    @Test func theInputMustBeNamed() throws {
        let (input, diagnostics) = try Self.input("namespace: Demo\n")
        #expect(input == nil)
        #expect(diagnostics == ["spec2swift.yaml:1:1: error: spec2swift.yaml must name its 'input' file (#)"])
    }

    @Test func syntaxErrorsAreOneDiagnostic() throws {
        let (input, diagnostics) = try Self.input("input: [api.yaml\n")
        #expect(input == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("spec2swift.yaml:2:1: error: YAML syntax error") == true)
    }
}
