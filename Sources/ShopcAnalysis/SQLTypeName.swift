import ShopcBase

/// Snowflake data type names as written in specs: validation and one canonical spelling
/// (`number( 38 , 2 )` → `NUMBER(38,2)`).
public enum SQLTypeName {
    /// Type names Snowflake accepts, with how many parameters each may take.
    static let known: [String: ClosedRange<Int>] = [
        "NUMBER": 0...2, "DECIMAL": 0...2, "DEC": 0...2, "NUMERIC": 0...2, "INT": 0...0, "INTEGER": 0...0,
        "BIGINT": 0...0, "SMALLINT": 0...0, "TINYINT": 0...0, "BYTEINT": 0...0, "FLOAT": 0...0, "FLOAT4": 0...0,
        "FLOAT8": 0...0, "DOUBLE": 0...0, "DOUBLE PRECISION": 0...0, "REAL": 0...0, "VARCHAR": 0...1, "CHAR": 0...1,
        "CHARACTER": 0...1, "NCHAR": 0...1, "STRING": 0...1, "TEXT": 0...1, "NVARCHAR": 0...1, "BINARY": 0...1,
        "VARBINARY": 0...1, "BOOLEAN": 0...0, "DATE": 0...0, "DATETIME": 0...1, "TIME": 0...1, "TIMESTAMP": 0...1,
        "TIMESTAMP_LTZ": 0...1, "TIMESTAMP_NTZ": 0...1, "TIMESTAMP_TZ": 0...1, "VARIANT": 0...0, "OBJECT": 0...0,
        "ARRAY": 0...0, "GEOGRAPHY": 0...0, "GEOMETRY": 0...0,
    ]

    /// All accepted names, for did-you-mean.
    public static var names: [String] { known.keys.sorted() }

    private static let memo = Memo<String, String?>()

    /// The canonical spelling, or nil when the text is not a Snowflake type.
    public static func canonical(_ text: String) -> String? {
        memo.value(text, spell)
    }

    static func spell(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        var name = trimmed
        var params: [String] = []
        if let open = trimmed.firstIndex(of: "(") {
            guard trimmed.hasSuffix(")") else { return nil }
            name = String(trimmed[..<open]).trimmingWhitespace()
            let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            params = inner.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
            guard params.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else { return nil }
        }
        let upper = name.uppercased().split(separator: " ").joined(separator: " ")
        guard let range = known[upper], range.contains(params.count) else { return nil }
        let first = params.first.flatMap(Int.init)
        switch upper {
        case "NUMBER", "DECIMAL", "NUMERIC", "DEC":
            if let p = first, !(1...38).contains(p) { return nil }
            if params.count == 2, let p = Int(params[0]), let s = Int(params[1]), !(0...p).contains(s) { return nil }
        case "VARCHAR", "CHAR", "CHARACTER", "NCHAR", "STRING", "TEXT", "NVARCHAR":
            if let length = first, !(1...maxTextLength).contains(length) { return nil }
        case "BINARY", "VARBINARY":
            if let length = first, !(1...maxBinaryLength).contains(length) { return nil }
        case "DATETIME", "TIME", "TIMESTAMP", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ", "TIMESTAMP_TZ":
            if let precision = first, !(0...9).contains(precision) { return nil }
        default:
            break
        }
        return params.isEmpty ? upper : "\(upper)(\(params.joined(separator: ",")))"
    }

    /// The longest text and binary values Snowflake stores, in characters and bytes (128 MB and 64 MB).
    static let maxTextLength = 134_217_728
    static let maxBinaryLength = 67_108_864

    /// Why `text` is not a Snowflake type (SHP1014), with a did-you-mean; nil when it is one.
    static func problem(_ text: String) -> (message: String, notes: [DiagnosticNote])? {
        guard canonical(text) == nil else { return nil }
        let head = text.split(separator: "(").first.map { String($0).trimmingWhitespace().uppercased() } ?? text
        if known[head.split(separator: " ").joined(separator: " ")] != nil {
            // `{name: amount, type: NUMBER(38,2)}`: in a flow mapping the comma ends the value.
            let cut = text.contains("(") && !text.contains(")")
            let notes = cut ? [DiagnosticNote("the type looks cut at a comma: inside `{…}` a comma separates entries, so quote the type (type: \"\(text),…)\")")] : []
            return ("'\(text)' has invalid parameters for \(head) (NUMBER takes precision 1..38 and scale 0..precision; text and binary types one length from 1; time types one precision 0..9)", notes)
        }
        return ("'\(text)' is not a Snowflake data type", Suggestion.note(for: head, in: names).map { [$0] } ?? [])
    }
}
