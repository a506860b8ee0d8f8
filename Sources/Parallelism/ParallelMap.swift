import Foundation

extension Array where Element: Sendable {
    /// `map` run on all cores, the results in the elements' order (so output stays deterministic).
    ///
    /// The work runs on the calling thread and on threads started for it, each with a stack as large
    /// as a main thread's: the transforms recurse as deeply as the input nests, and Dispatch's worker
    /// threads have small stacks on some systems (512 KiB on macOS).
    public func parallelMap<Result: Sendable>(_ transform: @escaping @Sendable (Element) -> Result) -> [Result] {
        let helpers = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount) - 1
        guard helpers > 0 else { return map(transform) }
        let work = ParallelWork(self, transform)
        let done = DispatchGroup()
        for _ in 0..<helpers {
            done.enter()
            startThread {
                work.run()
                done.leave()
            }
        }
        work.run()
        done.wait()
        return work.results
    }
}

/// The stack size of threads that walk input trees (8 MiB, a main thread's usual size).
public let largeStack = 8 << 20

/// Runs `body` on a new thread with a stack of `stackSize` bytes, and returns at once.
public func startThread(stackSize: Int = largeStack, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.stackSize = stackSize
    thread.start()
}

/// The elements, a counter handing out indices, and one result slot per index. Each slot is written
/// by exactly one thread and read only after all have finished; that is why unchecked sendability is
/// sound here.
private final class ParallelWork<Element: Sendable, Result: Sendable>: @unchecked Sendable {
    private let elements: [Element]
    private let transform: @Sendable (Element) -> Result
    private let slots: UnsafeMutableBufferPointer<Result?>
    private let lock = NSLock()
    private var nextIndex = 0

    init(_ elements: [Element], _ transform: @escaping @Sendable (Element) -> Result) {
        self.elements = elements
        self.transform = transform
        slots = .allocate(capacity: elements.count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Transforms elements until none is left.
    func run() {
        while let index = take() {
            slots[index] = transform(elements[index])
        }
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < elements.count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    /// Every slot is filled once all `run()` calls have returned.
    var results: [Result] { slots.compactMap { $0 } }
}
