// Written by hand: the command plugin adds the generated files beside it and never touches this one.
public enum CommittedClientInfo {
    public static let origin = "swift package spec2swift"
}
