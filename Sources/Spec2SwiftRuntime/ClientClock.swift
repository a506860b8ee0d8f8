/// The clock an `APIClient` reads and sleeps on, for retry pauses, `Retry-After`, attempt timeouts and
/// the pauses between polls of long-running operations and background tasks. It is `ContinuousClock`
/// unless the client is given another; a test gives a clock it advances by hand, so that nothing it
/// checks waits for real time or depends on how busy the machine is.
///
///     let client = APIClient(authentication: auth, clock: ClientClock(myTestClock))
public struct ClientClock: Sendable {
    /// A moment on this clock: the time since the clock was made.
    public struct Instant: Comparable, Hashable, Sendable {
        public var sinceStart: Duration

        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.sinceStart < rhs.sinceStart }
        public static func + (lhs: Instant, rhs: Duration) -> Instant { Instant(sinceStart: lhs.sinceStart + rhs) }
        public static func - (lhs: Instant, rhs: Instant) -> Duration { lhs.sinceStart - rhs.sinceStart }
    }

    private let elapsed: @Sendable () -> Duration
    private let sleeper: @Sendable (Duration) async throws -> Void

    /// Any clock that measures in `Duration`: `ContinuousClock`, `SuspendingClock`, or a test's own.
    public init<C: Clock & Sendable>(_ clock: C) where C.Duration == Duration, C.Instant: Sendable {
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
        sleeper = { offset in try await clock.sleep(until: start.advanced(by: offset), tolerance: nil) }
    }

    /// The clock of the system, which goes on while the machine sleeps.
    public static var continuous: ClientClock { ClientClock(ContinuousClock()) }

    public var now: Instant { Instant(sinceStart: elapsed()) }

    /// Sleeps until `deadline`; throws `CancellationError` when the task is cancelled first.
    public func sleep(until deadline: Instant) async throws {
        try await sleeper(deadline.sinceStart)
    }

    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now + duration)
    }
}
