/// Checks five-field cron expressions as GitHub Actions schedules accept them (UTC; no seconds,
/// no `@daily` macros, at most once every five minutes).
public enum CronExpression {
    static let fields: [(name: String, range: ClosedRange<Int>, names: [String])] = [
        ("minute", 0...59, []),
        ("hour", 0...23, []),
        ("day-of-month", 1...31, []),
        ("month", 1...12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
        ("day-of-week", 0...6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
    ]

    /// Nil when `text` is a valid schedule, otherwise what is wrong with it.
    public static func problem(_ text: String) -> String? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 5 else { return "expected 5 fields separated by spaces, found \(parts.count)" }
        for (part, field) in zip(parts, fields) {
            for item in part.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                if let problem = itemProblem(item, field) { return "\(field.name) field '\(part)': \(problem)" }
            }
        }
        let minute = parts[0]
        if minute == "*" || (minute.hasPrefix("*/") && (Int(minute.dropFirst(2)) ?? 5) < 5) {
            return "GitHub runs schedules at most once every 5 minutes"
        }
        return nil
    }

    static func itemProblem(_ item: String, _ field: (name: String, range: ClosedRange<Int>, names: [String])) -> String? {
        guard !item.isEmpty else { return "empty list item" }
        let pieces = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count <= 2 else { return "'\(item)' has more than one '/'" }
        if pieces.count == 2 {
            guard let step = Int(pieces[1]), step > 0 else { return "step '\(pieces[1])' must be a positive number" }
            _ = step
        }
        let base = pieces[0]
        if base == "*" { return nil }
        let bounds = base.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count <= 2 else { return "'\(base)' is not a value or a range" }
        var values: [Int] = []
        for bound in bounds {
            guard let v = value(bound, field) else {
                return "'\(bound)' is not a number in \(field.range.lowerBound)-\(field.range.upperBound)"
            }
            values.append(v)
        }
        if values.count == 2, values[0] > values[1] { return "range '\(base)' runs backwards" }
        return nil
    }

    static func value(_ text: String, _ field: (name: String, range: ClosedRange<Int>, names: [String])) -> Int? {
        if let i = field.names.firstIndex(of: text.uppercased()) { return i + field.range.lowerBound }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let v = Int(text), field.range.contains(v) else { return nil }
        return v
    }
}
