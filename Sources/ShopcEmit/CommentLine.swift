extension String {
    /// The text as one line, safe inside a `--` SQL comment: split at every character any SQL
    /// client might take for a line break (`\r\n` is one `Character` in Swift, so the split works
    /// on Unicode scalars), each piece trimmed, joined with single spaces. Without this a
    /// description holding `\r` could end the comment and put its rest on a line of its own,
    /// as SQL.
    var commentLine: String {
        let breaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if breaks.contains(scalar) {
                pieces.append(String(current).trimmingCharacters())
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        pieces.append(String(current).trimmingCharacters())
        return pieces.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
