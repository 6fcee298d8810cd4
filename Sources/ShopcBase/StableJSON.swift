import Foundation

/// JSON output that is byte-stable: sorted keys, two-space indentation, no escaped slashes, one
/// final newline.
public enum StableJSON {
    /// Encodes a value; encoding of the plain value types used here cannot fail, but if it does the
    /// error text is returned as a JSON string so that nothing crashes.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(value)
            return (String(data: data, encoding: .utf8) ?? "") + "\n"
        } catch {
            return "\"encoding failed: \(error)\"\n"
        }
    }
}
