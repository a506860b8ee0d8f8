import GeneratorDriver
import Testing
import TestSupport

/// `Generated/` must be exactly what `swift run spec2swift` makes from `specs/`.
@Suite struct GeneratedIsFreshTests {
    @Test func generatedMatchesSpecs() {
        let (inputs, problems) = ProjectInputs.discover(specs: Paths.repository + "/specs")
        #expect(problems.isEmpty, "\(problems)")
        #expect(inputs.count == 4)
        let result = Generator.generate(inputs.map { input in
            var relative = input
            relative.sourceName = String(input.path.dropFirst(Paths.repository.count + 1))
            return relative
        })
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let plan = OutputDirectory(path: Paths.repository + "/Generated").plan(result.files)
        let stale = plan.write.map { "Generated/\($0.path) (differs or missing)" } + plan.remove.map { "Generated/\($0) (no longer generated)" }
        #expect(stale.isEmpty, Comment(rawValue: "Generated/ is stale; run `swift run spec2swift` to regenerate:\n" + stale.joined(separator: "\n")))
    }
}
