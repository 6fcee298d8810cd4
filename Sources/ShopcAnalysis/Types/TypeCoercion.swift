/// Snowflake's implicit conversions as the checker applies them: which types unify (CASE
/// branches, COALESCE, set operations), which compare, and the result of arithmetic, with NUMBER
/// precision and scale computed as Snowflake documents in "Scale and precision in arithmetic
/// operations".
///
/// The checker is deliberately stricter than Snowflake's run-time casts in one way: a VARCHAR
/// *column* never silently becomes a number or a date (that cast fails at run time on the first
/// bad row); a string *literal* does, since `order_date >= '2024-01-01'` is idiomatic.
public enum TypeCoercion {
    /// The maximum NUMBER precision.
    static let maxPrecision = 38

    /// The common type of two values, or nil when Snowflake cannot unify them. `literalA` /
    /// `literalB` say whether a side is a string literal (which converts to numbers, dates and
    /// booleans).
    public static func unify(_ a: SQLType, _ b: SQLType, literalA: Bool = false, literalB: Bool = false) -> SQLType? {
        if a == .unknown || b == .unknown { return .unknown }
        if a == .null { return b }
        if b == .null { return a }
        if a == b { return a }
        switch (a, b) {
        case (.number(let p1, let s1), .number(let p2, let s2)):
            let scale = max(s1, s2)
            let leading = max(p1 - s1, p2 - s2)
            return .number(precision: min(maxPrecision, leading + scale), scale: scale)
        case (.number, .float), (.float, .number): return .float
        case (.varchar(let n1), .varchar(let n2)):
            guard let n1, let n2 else { return .text }
            return .varchar(max(n1, n2))
        case (.date, _) where b.isTimestamp: return b
        case (_, .date) where a.isTimestamp: return a
        case _ where a.isTimestamp && b.isTimestamp: return .timestampLTZ
        case (.variant, _), (_, .variant): return .variant
        case _ where a.isSemiStructured && b.isSemiStructured: return .variant
        default:
            if literalA, stringConverts(to: b) { return b }
            if literalB, stringConverts(to: a) { return a }
            return nil
        }
    }

    /// Whether a string literal converts implicitly to `type`.
    static func stringConverts(to type: SQLType) -> Bool {
        type.isNumeric || type.isTemporal || type == .boolean || type.isText || type == .binary || type.isSemiStructured
    }

    /// Whether two values can be compared with `=`, `<`, `IN`, `BETWEEN` or joined on.
    public static func comparable(_ a: SQLType, _ b: SQLType, literalA: Bool = false, literalB: Bool = false) -> Bool {
        if a.isOpen || b.isOpen || a == .variant || b == .variant { return true }
        if a.isNumeric && b.isNumeric { return true }
        if (a == .date || a.isTimestamp) && (b == .date || b.isTimestamp) { return true }
        if a.family == b.family { return true }
        if literalA, stringConverts(to: b) { return true }
        if literalB, stringConverts(to: a) { return true }
        return false
    }

    /// Whether a value of type `actual` is acceptable where `expected` is declared, by the
    /// contract rule: the same family, equal NUMBER scales, the same timestamp kind; VARCHAR
    /// lengths and NUMBER precisions may differ.
    public static func matchesContract(_ actual: SQLType, declared expected: SQLType) -> Bool {
        if actual.isOpen || expected.isOpen { return true }
        if actual.family != expected.family { return false }
        if case .number(_, let s1) = actual, case .number(_, let s2) = expected { return s1 == s2 }
        return true
    }

    /// Whether a value of type `actual` fits a declared argument or return type `expected`: the
    /// contract rule, except that numbers fit any numeric type (a macro taking `NUMBER` accepts
    /// `NUMBER(12,2)` and `FLOAT`).
    public static func fits(_ actual: SQLType, _ expected: SQLType) -> Bool {
        if actual.isNumeric && expected.isNumeric {
            if case .number(_, let s) = expected, case .number(_, let a) = actual, expectedHasScale(expected) { return s == a }
            return true
        }
        return matchesContract(actual, declared: expected) || (actual == .date && expected.isTimestamp)
    }

    /// A declared `NUMBER` without parameters accepts any scale; `NUMBER(p,s)` wants scale s.
    /// Parsed types cannot tell `NUMBER` from `NUMBER(38,0)`, so only non-zero scales are checked.
    static func expectedHasScale(_ t: SQLType) -> Bool { t.scale != 0 }

    /// The result of `a op b` for `+ - * / %`, or nil when the operands do not support it.
    public static func arithmetic(_ op: Character, _ a: SQLType, _ b: SQLType, literalA: Bool = false, literalB: Bool = false) -> SQLType? {
        if a == .unknown || b == .unknown { return .unknown }
        let a = a == .null ? (b == .null ? SQLType.integer : b) : a
        let b = b == .null ? a : b
        let left = literalA && a.isText ? SQLType.float : a
        let right = literalB && b.isText ? SQLType.float : b
        switch (left, right) {
        case (.number(let p1, let s1), .number(let p2, let s2)):
            let l1 = p1 - s1, l2 = p2 - s2
            switch op {
            case "+", "-":
                let scale = max(s1, s2)
                return number(leading: max(l1, l2) + 1, scale: scale)
            case "*":
                return number(leading: l1 + l2, scale: min(s1 + s2, max(s1, s2, 12)))
            case "/":
                return number(leading: l1 + s2, scale: max(s1, min(s1 + 6, 12)))
            default:
                return number(leading: max(l1, l2), scale: max(s1, s2))
            }
        case _ where left.isNumeric && right.isNumeric: return .float
        case (.date, .date) where op == "-": return .integer
        case (.date, .number) where op == "+" || op == "-": return .date
        case (.number, .date) where op == "+": return .date
        case _ where left.isTimestamp && right.isNumeric && (op == "+" || op == "-"): return left
        case (.variant, _) where right.isNumeric || right == .variant: return .float
        case (_, .variant) where left.isNumeric: return .float
        default: return nil
        }
    }

    /// A NUMBER with `leading` integer digits and `scale`, precision capped at 38.
    static func number(leading: Int, scale: Int) -> SQLType {
        let s = min(scale, 37)
        return .number(precision: min(maxPrecision, max(1, leading + s)), scale: s)
    }
}
