import Dispatch

extension Array where Element: Sendable {
    /// `map` run on all cores, the results in the elements' order (so output stays deterministic).
    public func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let slots = ResultSlots<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(transform(self[index]), at: index)
        }
        return slots.values
    }
}

/// One slot per index in memory allocated once, each slot written by exactly one iteration of
/// `concurrentPerform` and read only after all of them have finished; distinct iterations never touch
/// the same memory, which is why unchecked sendability is sound here.
private final class ResultSlots<Result>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: Result, at index: Int) {
        slots[index] = value
    }

    var values: [Result] { slots.compactMap { $0 } }
}
