/// SHA-256 of bytes, for spec checksums in `manifest.json` (FIPS 180-4). Works in place on the
/// input: only the last one or two blocks, which carry the padding, are copied.
public enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The digest of a string's UTF-8 bytes as 64 lower-case hex digits.
    public static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex(UnsafeRawBufferPointer($0)) }
    }

    /// The digest as 64 lower-case hex digits.
    public static func hex(_ message: [UInt8]) -> String {
        message.withUnsafeBytes { hex($0) }
    }

    /// The digest as 64 lower-case hex digits.
    public static func hex(_ message: UnsafeRawBufferPointer) -> String {
        let h = state(message)
        return String(unsafeUninitializedCapacity: 64) { out in
            for (i, word) in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7].enumerated() {
                for nibble in 0..<8 {
                    let digit = UInt8(truncatingIfNeeded: word >> UInt32(28 - 4 * nibble)) & 0x0f
                    out[8 * i + nibble] = digit < 10 ? 0x30 + digit : 0x57 + digit
                }
            }
            return 64
        }
    }

    /// The 32-byte digest.
    public static func digest(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { digest($0) }
    }

    /// The 32-byte digest.
    public static func digest(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        let h = state(message)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7] {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }

    typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// The hash state after the whole message and its padding.
    static func state(_ message: UnsafeRawBufferPointer) -> State {
        var h: State = (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        let whole = message.count / 64 * 64
        k.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                var offset = 0
                while offset < whole {
                    compress(UnsafeRawBufferPointer(rebasing: message[offset..<offset + 64]), &h, w, k)
                    offset += 64
                }
                // The tail, 0x80, zeros and the bit length fill one or two final blocks.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
                    let rest = message.count - whole
                    let blocks = rest < 56 ? 64 : 128
                    tail.initialize(repeating: 0)
                    for i in 0..<rest { tail[i] = message[whole + i] }
                    tail[rest] = 0x80
                    let bitLength = UInt64(message.count) &* 8
                    for i in 0..<8 { tail[blocks - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i)) }
                    let bytes = UnsafeRawBufferPointer(tail)
                    compress(UnsafeRawBufferPointer(rebasing: bytes[0..<64]), &h, w, k)
                    if blocks == 128 { compress(UnsafeRawBufferPointer(rebasing: bytes[64..<128]), &h, w, k) }
                }
            }
        }
        return h
    }

    /// One 64-byte block into the state: the message schedule in `w`, then the 64 rounds eight
    /// at a time, the eight working variables changing roles instead of being shifted.
    private static func compress(
        _ block: UnsafeRawBufferPointer, _ h: inout State, _ w: UnsafeMutableBufferPointer<UInt32>, _ k: UnsafeBufferPointer<UInt32>
    ) {
        for i in 0..<16 {
            w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
        }
        for i in 16..<64 {
            let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
            let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var a = h.0, b = h.1, c = h.2, d = h.3, e = h.4, f = h.5, g = h.6, hh = h.7
        var i = 0
        while i < 64 {
            round(a, b, c, &d, e, f, g, &hh, k[i] &+ w[i])
            round(hh, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
            round(g, hh, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
            round(f, g, hh, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
            round(e, f, g, &hh, a, b, c, &d, k[i + 4] &+ w[i + 4])
            round(d, e, f, &g, hh, a, b, &c, k[i + 5] &+ w[i + 5])
            round(c, d, e, &f, g, hh, a, &b, k[i + 6] &+ w[i + 6])
            round(b, c, d, &e, f, g, hh, &a, k[i + 7] &+ w[i + 7])
            i += 8
        }
        h.0 = h.0 &+ a; h.1 = h.1 &+ b; h.2 = h.2 &+ c; h.3 = h.3 &+ d
        h.4 = h.4 &+ e; h.5 = h.5 &+ f; h.6 = h.6 &+ g; h.7 = h.7 &+ hh
    }

    /// One round with the working variables in their roles for it: `d` gains T1 and `h` becomes
    /// T1 + T2; the next round sees (h, a, b, c, d, e, f, g) as (a … h).
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
    ) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ kw
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
        d = d &+ t1
        h = t1 &+ t2
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
