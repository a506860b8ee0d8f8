/// The access level of the generated declarations (`access` in spec2swift.yaml, `--access` on the
/// command line): `public` for a library other packages import, `package` for one the same package
/// imports, `internal` when the generated files are compiled into the target that uses them.
public enum AccessLevel: String, CaseIterable, Hashable, Sendable {
    case `public`
    case `package`
    case `internal`

    /// The values, as an error message lists them.
    public static var spelledOut: String {
        allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }
}
