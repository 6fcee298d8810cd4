import Synchronization

/// A thread-safe cache of a pure function's results, for values recomputed from the same few
/// inputs all over a project (declared column types: a 10,000-model project spells perhaps ten
/// distinct ones). Bounded, so hostile input cannot grow it without limit.
public final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    // Inlinable, so callers get dictionary code specialized for their key and value types.
    @usableFromInline let storage = Mutex<[Key: Value]>([:])
    @usableFromInline let limit: Int

    /// A cache of at most `limit` entries (later keys are computed every time).
    public init(limit: Int = 4096) { self.limit = limit }

    /// The cached value for `key`, computing and storing it on a miss.
    @inlinable
    public func value(_ key: Key, _ compute: (Key) -> Value) -> Value {
        if let hit = storage.withLock({ $0[key] }) { return hit }
        let value = compute(key)
        storage.withLock { cache in
            if cache.count < limit { cache[key] = value }
        }
        return value
    }
}
