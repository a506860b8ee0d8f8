import Foundation

/// A clock whose time moves only when a test advances it, for testing timeouts, retry pauses and
/// polls without waiting and without depending on how busy the machine is.
///
/// A test starts the work in a task, waits until the work sleeps (`waitForSleepers`), checks what it
/// sleeps for (`pendingSleeps`), and advances the clock, which wakes every sleeper whose deadline has
/// come. Nothing here yields in the hope that another task gets somewhere: every wait is for an event.
public final class ManualClock: Clock, @unchecked Sendable {
    public struct Instant: InstantProtocol, Hashable, Sendable {
        public var offset: Duration

        public init(offset: Duration) { self.offset = offset }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>?
        var cancelled = false
    }

    // Everything below is guarded by `lock`.
    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var sleepers: [Int: Sleeper] = [:]
    private var nextID = 0
    private var watchers: [(condition: ([Duration]) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []
    private var requested: [Duration] = []

    public init() {}

    public var now: Instant { lock.withLock { current } }
    public var minimumResolution: Duration { .zero }

    /// How long each pending sleeper has left to sleep, shortest first.
    public var pendingSleeps: [Duration] { lock.withLock { remaining() } }

    /// Every sleep asked for so far, as the time from the moment it was asked to its deadline.
    public var requestedSleeps: [Duration] { lock.withLock { requested } }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = lock.withLock { () -> Int in
            nextID += 1
            return nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let ready: Result<Void, any Error>? = lock.withLock {
                    requested.append(current.duration(to: deadline))
                    if sleepers[id]?.cancelled == true {
                        sleepers[id] = nil
                        return .failure(CancellationError())
                    }
                    if deadline <= current { return .success(()) }
                    sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    notifyWatchers()
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            let continuation = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
                guard let sleeper = sleepers[id] else {
                    // Cancelled before the sleeper was registered: it ends as soon as it is.
                    sleepers[id] = Sleeper(deadline: current, continuation: nil, cancelled: true)
                    return nil
                }
                sleepers[id] = nil
                notifyWatchers()
                return sleeper.continuation
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Moves time on by `duration`, waking every sleeper whose deadline is then reached.
    public func advance(by duration: Duration) {
        let woken = lock.withLock { () -> [CheckedContinuation<Void, any Error>] in
            current = current.advanced(by: duration)
            let due = sleepers.filter { !$0.value.cancelled && $0.value.deadline <= current }
            for id in due.keys { sleepers[id] = nil }
            notifyWatchers()
            return due.values.compactMap(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns once the pending sleeps (shortest first, as `pendingSleeps` gives them) satisfy
    /// `condition`; checked again whenever a sleeper starts or ends.
    public func waitUntil(_ condition: @escaping @Sendable ([Duration]) -> Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let met = lock.withLock { () -> Bool in
                if condition(remaining()) { return true }
                watchers.append((condition, continuation))
                return false
            }
            if met { continuation.resume() }
        }
    }

    /// Returns once at least `count` sleepers are pending.
    public func waitForSleepers(_ count: Int = 1) async {
        await waitUntil { $0.count >= count }
    }

    /// Returns once a sleeper with exactly `duration` left is pending.
    public func waitForSleep(of duration: Duration) async {
        await waitUntil { $0.contains(duration) }
    }

    private func remaining() -> [Duration] {
        sleepers.values.filter { !$0.cancelled }.map { current.duration(to: $0.deadline) }.sorted()
    }

    private func notifyWatchers() {
        let sleeps = remaining()
        let (met, waiting) = (watchers.filter { $0.condition(sleeps) }, watchers.filter { !$0.condition(sleeps) })
        watchers = waiting
        for watcher in met { watcher.continuation.resume() }
    }
}
