import OrderedCollections
import ShopcTemplate

/// A tiny order-preserving JSON reader for fixture globals (Foundation's loses key order).
struct JSONFixture {
    private let bytes: [UInt8]
    private var pos = 0

    struct Failure: Error {}

    static func parse(_ text: String) throws -> TemplateValue {
        var reader = JSONFixture(bytes: Array(text.utf8))
        let value = try reader.value()
        reader.skip()
        guard reader.pos == reader.bytes.count else { throw Failure() }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skip() {
        while pos < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[pos]) { pos += 1 }
    }

    private mutating func literal(_ word: String, _ value: TemplateValue) throws -> TemplateValue {
        for b in word.utf8 {
            guard pos < bytes.count, bytes[pos] == b else { throw Failure() }
            pos += 1
        }
        return value
    }

    private mutating func value() throws -> TemplateValue {
        skip()
        guard pos < bytes.count else { throw Failure() }
        switch bytes[pos] {
        case UInt8(ascii: "n"): return try literal("null", .none)
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "["):
            pos += 1
            var items: [TemplateValue] = []
            skip()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .list(items) }
            while true {
                items.append(try value())
                skip()
                guard pos < bytes.count else { throw Failure() }
                pos += 1
                if bytes[pos - 1] == UInt8(ascii: "]") { return .list(items) }
                guard bytes[pos - 1] == UInt8(ascii: ",") else { throw Failure() }
            }
        case UInt8(ascii: "{"):
            pos += 1
            var dict: OrderedDictionary<String, TemplateValue> = [:]
            skip()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .dict(dict) }
            while true {
                skip()
                let key = try string()
                skip()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw Failure() }
                pos += 1
                dict[key] = try value()
                skip()
                guard pos < bytes.count else { throw Failure() }
                pos += 1
                if bytes[pos - 1] == UInt8(ascii: "}") { return .dict(dict) }
                guard bytes[pos - 1] == UInt8(ascii: ",") else { throw Failure() }
            }
        default:
            let start = pos
            while pos < bytes.count, "-+.eE0123456789".utf8.contains(bytes[pos]) { pos += 1 }
            let text = String(decoding: bytes[start..<pos], as: UTF8.self)
            if let i = Int(text) { return .int(i) }
            if let d = Double(text) { return .double(d) }
            throw Failure()
        }
    }

    private mutating func string() throws -> String {
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw Failure() }
        pos += 1
        var out = [UInt8]()
        while pos < bytes.count {
            let b = bytes[pos]
            pos += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\"), pos < bytes.count else { out.append(b); continue }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "u"):
                guard pos + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<pos + 4], as: UTF8.self), radix: 16),
                    let scalar = Unicode.Scalar(v)
                else { throw Failure() }
                pos += 4
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: out.append(e)
            }
        }
        throw Failure()
    }
}
