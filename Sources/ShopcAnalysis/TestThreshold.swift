/// A `warn_if` / `error_if` condition on the number of failing rows of a test: a comparison
/// operator and a whole number (`> 10`, `!= 0`, `>= 5`).
public struct TestThreshold: Sendable, Equatable, CustomStringConvertible {
    /// The SQL comparison operator: `=`, `<>`, `>`, `>=`, `<` or `<=`.
    public var op: String
    /// The count compared with.
    public var value: Int

    /// The default of both `warn_if` and `error_if`: any failing row.
    public static let anyFailure = TestThreshold(op: "<>", value: 0)

    /// Creates a threshold.
    public init(op: String, value: Int) {
        self.op = op
        self.value = value
    }

    /// Parses `'> 10'`, `'!=0'`, `'>= 5'`, `'==0'`...; nil when the text is not a comparison
    /// with a whole number. `==` reads as `=` and `!=` as `<>`.
    public init?(parsing text: String) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func skipSpaces() { while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 } }
        skipSpaces()
        var opText = ""
        while index < scalars.count, "=!<>".unicodeScalars.contains(scalars[index]) {
            opText.unicodeScalars.append(scalars[index])
            index += 1
        }
        let normalised: [String: String] = ["=": "=", "==": "=", "!=": "<>", "<>": "<>", ">": ">", ">=": ">=", "<": "<", "<=": "<="]
        guard let op = normalised[opText] else { return nil }
        skipSpaces()
        var digits = ""
        while index < scalars.count, ("0"..."9").contains(scalars[index]) {
            digits.unicodeScalars.append(scalars[index])
            index += 1
        }
        skipSpaces()
        guard index == scalars.count, !digits.isEmpty, digits.count <= 18, let value = Int(digits) else { return nil }
        self.init(op: op, value: value)
    }

    /// The condition on a count expression, as SQL: `failures > 10`.
    public func sql(_ count: String) -> String { "\(count) \(op) \(value)" }

    /// `> 10`, `<> 0`.
    public var description: String { "\(op) \(value)" }
}
