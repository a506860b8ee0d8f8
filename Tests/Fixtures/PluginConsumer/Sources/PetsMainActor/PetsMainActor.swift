// SwiftPM builds a target only when it has a Swift file of its own; the client itself is generated
// by the spec2swift build plugin into the build folder.
