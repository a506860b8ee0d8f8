import Foundation

/// The wall time of each step of a run, printed to standard error when `SPEC2SWIFT_TIMINGS` is set
/// (see the README): where a slow generation spends its time, without a profiler. Off, a mark is one
/// check of a constant.
public enum PhaseTimes {
    static let enabled = ProcessInfo.processInfo.environment["SPEC2SWIFT_TIMINGS"] != nil
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last = ContinuousClock.now
    nonisolated(unsafe) private static var phases: [(String, Duration)] = []

    /// Ends the step called `phase`, which began at the previous mark (or at `start()`).
    public static func mark(_ phase: String) {
        guard enabled else { return }
        lock.withLock {
            let now = ContinuousClock.now
            phases.append((phase, now - last))
            last = now
        }
    }

    /// Begins timing (forgetting earlier marks).
    public static func start() {
        guard enabled else { return }
        lock.withLock {
            phases = []
            last = .now
        }
    }

    /// One line with every step's milliseconds and their sum; nil when timing is off.
    public static func report() -> String? {
        guard enabled else { return nil }
        return lock.withLock {
            func milliseconds(_ duration: Duration) -> String {
                let (seconds, attoseconds) = duration.components
                return String(format: "%.1f", Double(seconds) * 1e3 + Double(attoseconds) / 1e15)
            }
            let total = phases.reduce(Duration.zero) { $0 + $1.1 }
            return "spec2swift timings (ms): " + phases.map { "\($0.0) \(milliseconds($0.1))" }.joined(separator: ", ")
                + "; total \(milliseconds(total))"
        }
    }
}
