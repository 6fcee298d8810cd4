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
/// (`concurrentPerform` returns only when every iteration is done).
private final class ResultBuffer<R>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<R?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = UnsafeMutablePointer<R?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: R, at index: Int) { slots[index] = value }

    func values() -> [R] { (0..<count).compactMap { slots[$0] } }
}
