import ShopcBase
import ShopcSpec

/// Model SQL runs inside `EXECUTE IMMEDIATE $$ … $$` in the deploy script (the audited wrapper),
/// where a `$$` would end the block early and let the rest run as separate statements. String
/// literals that shopc writes escape `$$`; model SQL is written as is, so it must not hold one.
enum ScriptingSafety {
    /// `builds`: target → model → build.
    static func check(models: [String: ModelSpec], builds: [String: [String: ModelBuild]], _ d: inout Diagnostics) {
        var unsafe: Set<String> = []
        for modelBuilds in builds.values {
            for (name, build) in modelBuilds where containsDollarQuote(build.sql) || containsDollarQuote(build.incrementalSQL ?? "") {
                unsafe.insert(name)
            }
        }
        for name in unsafe.sorted() {
            guard let model = models[name] else { continue }
            d.error(.unsafeValue, "the SQL of model '\(name)' contains '$$', which would end the EXECUTE IMMEDIATE $$...$$ block the deploy script runs it in; write the text another way (for example with CHR(36))",
                    at: model.sql?.location ?? model.name.location)
        }
    }

    /// Whether `sql` holds `$$` (a byte scan: Foundation's substring search is slow on big projects).
    static func containsDollarQuote(_ sql: String) -> Bool {
        var sql = sql
        return sql.withUTF8 { bytes in
            guard bytes.count > 1 else { return false }
            for i in 1..<bytes.count where bytes[i] == UInt8(ascii: "$") && bytes[i - 1] == UInt8(ascii: "$") { return true }
            return false
        }
    }
}
