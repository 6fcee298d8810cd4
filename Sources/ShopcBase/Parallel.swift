import Dispatch

/// Data-parallel helpers for independent work (one spec file, one model): results come back in
/// input order, so output stays deterministic whatever the scheduling.
public enum Parallel {
    /// Maps `items` on all cores; `transform` must not share mutable state between calls.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let buffer = ResultBuffer<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            buffer.store(transform(items[index]), at: index)
        }
        return buffer.values()
    }
}

/// Slots written once each, from different threads, then read after all writes have finished
/// (`concurrentPerform` returns only when every iteration is done). Every slot must be written
/// before `values()` is called.
private final class ResultBuffer<R>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<R>
    private let count: Int
    private var taken = false

    init(count: Int) {
        self.count = count
        slots = UnsafeMutablePointer<R>.allocate(capacity: count)
    }

    deinit {
        if !taken { slots.deinitialize(count: count) }
        slots.deallocate()
    }

    func store(_ value: R, at index: Int) { (slots + index).initialize(to: value) }

    /// The stored values, moved out (not copied: a copy of a large result retains every part
    /// of it, and freeing the buffer releases them again). Call once.
    func values() -> [R] {
        taken = true
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.moveInitialize(from: slots, count: count)
            initialized = count
        }
    }
}

extension Parallel {
    /// Runs `first` on this thread and `second` on a thread of its own at the same time, and
    /// returns both results. For independent stages that each spread their own work with
    /// `map`: a `map` nested inside another `map` runs serially (libdispatch divides the width),
    /// while one running beside another shares the cores, so the serial parts of each stage
    /// overlap the other's parallel ones.
    public static func both<A: Sendable, B: Sendable>(_ first: () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let box = ResultBuffer<B>(count: 1)
        let group = DispatchGroup()
        return withoutActuallyEscaping(second) { second in
            // A queue of its own runs on an overcommitting thread, not one of the pool threads
            // that `map` uses.
            DispatchQueue(label: "shopc.parallel.both").async(group: group) { box.store(second(), at: 0) }
            let a = first()
            group.wait()
            // The job has stored its result by now; the fallback only spares a force unwrap.
            return (a, box.values().first ?? second())
        }
    }
}

/// Work started now on a thread of its own, whose result is collected later with `wait()`: for
/// a serial job that can run beside the stages in between (which keep both cores busy only
/// part of the time).
public final class Background<T: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once by the job before it leaves the group; read only after `wait()`.
    private var result: T?

    /// Starts `work`.
    public init(_ work: @escaping @Sendable () -> T) {
        group.enter()
        // A queue of its own runs on an overcommitting thread, not one of `map`'s pool threads.
        DispatchQueue(label: "shopc.background").async {
            self.result = work()
            self.group.leave()
        }
    }

    /// Waits for the job and returns its result.
    public func wait() -> T {
        group.wait()
        guard let result else { preconditionFailure("a background job left its group without a result") }
        return result
    }
}
