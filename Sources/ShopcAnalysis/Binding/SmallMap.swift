/// A map from normalized names to values for the handful of entries binding works with (a
/// relation's columns, a select list's aliases, a model's declared columns). The entries live
/// in arrays searched linearly: comparing two short names is a couple of word compares, where a
/// `Dictionary` hashes the whole key on every lookup. Past `indexThreshold` entries a hash index
/// keeps lookups constant-time. Keys keep their insertion order.
struct SmallMap<Value> {
    /// Keys and values side by side: a lookup scans only the keys.
    private(set) var keys: [String] = []
    private(set) var values: [Value] = []
    private var index: [String: Int]?

    static var indexThreshold: Int { 12 }

    init() {}

    /// An empty map with room for `capacity` entries.
    init(minimumCapacity capacity: Int) {
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }

    /// The position of `key` in `keys`.
    func position(of key: String) -> Int? {
        if let index { return index[key] }
        return keys.withUnsafeBufferPointer { buffer in
            for i in buffer.indices where buffer[i] == key { return i }
            return nil
        }
    }

    subscript(key: String) -> Value? {
        get { position(of: key).map { values[$0] } }
        set {
            let found = position(of: key)
            guard let newValue else {
                if let found { remove(at: found) }
                return
            }
            if let found {
                values[found] = newValue
                return
            }
            keys.append(key)
            values.append(newValue)
            if index != nil {
                index![key] = keys.count - 1
            } else if keys.count > Self.indexThreshold {
                var built: [String: Int] = [:]
                built.reserveCapacity(keys.count * 2)
                for (i, k) in keys.enumerated() { built[k] = i }
                index = built
            }
        }
    }

    private mutating func remove(at position: Int) {
        keys.remove(at: position)
        values.remove(at: position)
        if index != nil {
            var built: [String: Int] = [:]
            for (i, k) in keys.enumerated() { built[k] = i }
            index = built
        }
    }
}

extension SmallMap: Sendable where Value: Sendable {}

extension SmallMap: ExpressibleByDictionaryLiteral {
    init(dictionaryLiteral elements: (String, Value)...) {
        for (key, value) in elements { self[key] = value }
    }
}
