/// Text-level clean-up of rendered SQL: stable whitespace so that output does not depend on how
/// template whitespace happened to fall.
enum SQLText {
    /// Removes trailing spaces, leading and trailing blank lines, runs of blank lines, the common
    /// indentation, and a final `;`.
    static func tidy(_ sql: String) -> String {
        var lines = sql.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var l = line
            while let last = l.last, last == " " || last == "\t" || last == "\r" { l = l.dropLast() }
            return l
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        if var last = lines.popLast() {
            while last.hasSuffix(";") {
                last = last.dropLast()
                while let c = last.last, c == " " || c == "\t" { last = last.dropLast() }
            }
            if !last.isEmpty { lines.append(last) }
        }
        let indent = lines.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        var out: [Substring] = []
        var blank = false
        for line in lines {
            if line.isEmpty {
                if !blank { out.append(line) }
                blank = true
            } else {
                out.append(line.dropFirst(indent))
                blank = false
            }
        }
        return out.joined(separator: "\n")
    }
}
