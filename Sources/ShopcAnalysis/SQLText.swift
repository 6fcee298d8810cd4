/// Text-level clean-up of rendered SQL: stable whitespace so that output does not depend on how
/// template whitespace happened to fall.
enum SQLText {
    /// Whether rendered SQL holds nothing but whitespace and semicolons (cheap: bytes only).
    static func isBlank(_ sql: String) -> Bool {
        sql.utf8.allSatisfy { $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 || $0 == 59 }
    }

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

    /// Adds CTEs in front of a query: merged into its own `WITH` if it has one.
    static func injectCTEs(_ ctes: [(String, String)], into sql: String) -> String {
        guard !ctes.isEmpty else { return sql }
        let definitions = ctes.map { name, body in
            "\(name) AS (\n" + body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n") + "\n)"
        }.joined(separator: ",\n")
        let bytes = Array(sql.utf8)
        var i = skipTrivia(bytes, 0)
        if keyword(bytes, i, "WITH") {
            i += 4
            let afterWith = skipTrivia(bytes, i)
            if keyword(bytes, afterWith, "RECURSIVE") { i = afterWith + 9 }
            let head = String(decoding: bytes[..<i], as: UTF8.self)
            let rest = String(decoding: bytes[i...], as: UTF8.self)
            return head + "\n" + definitions + "," + rest
        }
        return "WITH " + definitions + "\n" + sql
    }

    private static func skipTrivia(_ b: [UInt8], _ start: Int) -> Int {
        var i = start
        while i < b.count {
            if b[i] == 32 || b[i] == 10 || b[i] == 9 || b[i] == 13 { i += 1; continue }
            if b[i] == 45, i + 1 < b.count, b[i + 1] == 45 {
                while i < b.count, b[i] != 10 { i += 1 }
                continue
            }
            if b[i] == 47, i + 1 < b.count, b[i + 1] == 42 {
                i += 2
                while i + 1 < b.count, !(b[i] == 42 && b[i + 1] == 47) { i += 1 }
                i += 2
                continue
            }
            break
        }
        return min(i, b.count)
    }

    private static func keyword(_ b: [UInt8], _ i: Int, _ word: String) -> Bool {
        let w = Array(word.utf8)
        guard i + w.count <= b.count else { return false }
        for k in 0..<w.count where b[i + k] & 0xDF != w[k] { return false }
        if i + w.count < b.count {
            let next = b[i + w.count]
            if (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || (next >= 48 && next <= 57) || next == 95 { return false }
        }
        return true
    }
}
