import ShopcAnalysis
import ShopcBase

/// LookML for the models of the Looker layers (gold by default): one view per model with typed
/// dimensions, time dimension groups, sum/average measures and a count, a primary key from the
/// unique key, and `<project>.model.lkml` with one explore per view, joined along the
/// `relationships` tests declared between those models.
struct LookerEmitter {
    let project: AnalysedProject
    let looker: LookerInfo

    /// How a column is presented in Looker.
    enum Field: Equatable {
        case dimension(type: String)
        case time(datatype: String)
    }

    var models: [ModelInfo] {
        project.models.filter { $0.materialized != "ephemeral" && looker.layers.contains($0.layer ?? "") }
    }

    func emit() -> [(String, String)] {
        let models = self.models
        var out = models.map { ("looker/\($0.name).view.lkml", view($0)) }
        out.append(("looker/\(project.name).model.lkml", modelFile(models)))
        return out
    }

    /// The Looker field kind of a Snowflake type (declared now, inferred when type checking lands).
    static func field(_ type: String?) -> Field {
        let base = (type ?? "VARCHAR").uppercased().split(separator: "(").first.map(String.init) ?? ""
        switch base {
        case "NUMBER", "DECIMAL", "NUMERIC", "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT", "FLOAT", "FLOAT4",
             "FLOAT8", "DOUBLE", "DOUBLE PRECISION", "REAL":
            return .dimension(type: "number")
        case "BOOLEAN": return .dimension(type: "yesno")
        case "DATE": return .time(datatype: "date")
        case "DATETIME", "TIMESTAMP", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ": return .time(datatype: "timestamp")
        default: return .dimension(type: "string")
        }
    }

    /// The column that identifies a row: a one-column unique key, else a column tested `unique`.
    func primaryKey(_ model: ModelInfo) -> String? {
        if model.uniqueKey.count == 1 { return model.uniqueKey[0].lowercased() }
        let unique = project.tests.filter { $0.node == model.id && $0.kind == "unique" }.compactMap(\.column)
        return unique.sorted().first?.lowercased()
    }

    func view(_ model: ModelInfo) -> String {
        let relation = model.builds[looker.target]?.relation.description ?? model.name
        var lines = [DeliveryEmitter.header("#"), "view: \(model.name) {", "  sql_table_name: \(relation) ;;"]
        if let description = model.description { lines.append("  description: \(Self.string(description))") }
        let key = primaryKey(model)
        let names = Set(model.columns.map { $0.name.lowercased() })
        if key == nil && model.uniqueKey.count > 1 {
            let sql = model.uniqueKey.map { "${TABLE}.\($0.lowercased())" }.joined(separator: " || '|' || ")
            lines += ["", "  dimension: primary_key {", "    primary_key: yes", "    hidden: yes", "    type: string",
                      "    sql: \(sql) ;;", "    description: \"The unique key (\(model.uniqueKey.joined(separator: ", "))).\"", "  }"]
        }
        var measures: [String] = []
        for column in model.columns {
            let name = column.name.lowercased()
            lines.append("")
            switch Self.field(column.type) {
            case .dimension(let type):
                lines.append("  dimension: \(name) {")
                if name == key { lines.append("    primary_key: yes") }
                lines.append("    type: \(type)")
                if type == "number" && name != key && !name.hasSuffix("_id") {
                    for (kind, prefix) in [("sum", "total"), ("average", "average")] {
                        var measure = "\(prefix)_\(name)"
                        if names.contains(measure) { measure = "\(name)_\(kind)" }
                        measures += ["", "  measure: \(measure) {", "    type: \(kind)", "    sql: ${\(name)} ;;",
                                     "    value_format_name: decimal_2", "  }"]
                    }
                }
            case .time(let datatype):
                lines.append("  dimension_group: \(name) {")
                lines.append("    type: time")
                lines.append("    timeframes: [\(datatype == "date" ? "raw, date, week, month, quarter, year" : "raw, time, date, week, month, quarter, year")]")
                lines.append("    convert_tz: no")
                lines.append("    datatype: \(datatype)")
            }
            lines.append("    sql: ${TABLE}.\(name) ;;")
            if let description = column.description { lines.append("    description: \(Self.string(description))") }
            lines.append("  }")
        }
        lines += ["", "  measure: count {", "    type: count"]
        if let key { lines.append("    drill_fields: [\(key)]") }
        lines.append("  }")
        lines += measures
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    func modelFile(_ models: [ModelInfo]) -> String {
        let included = Set(models.map(\.name))
        var lines = [DeliveryEmitter.header("#"), "connection: \(Self.string(looker.connection))", "", "include: \"*.view.lkml\""]
        for model in models {
            lines += ["", "explore: \(model.name) {"]
            if let description = model.description { lines.append("  description: \(Self.string(description))") }
            for join in joins(model, included) {
                lines += [
                    "  join: \(join.model) {", "    type: left_outer", "    relationship: \(join.relationship)",
                    "    sql_on: ${\(model.name).\(join.from)} = ${\(join.model).\(join.to)} ;;", "  }",
                ]
            }
            lines.append("}")
        }
        return lines.joined(separator: "\n")
    }

    /// Joins along `relationships` tests from `model` to other Looker models, sorted.
    func joins(_ model: ModelInfo, _ included: Set<String>) -> [(model: String, from: String, to: String, relationship: String)] {
        var out: [(model: String, from: String, to: String, relationship: String)] = []
        for test in project.tests where test.kind == "relationships" && test.node == model.id {
            guard let column = test.column,
                  case .node(.model(let other))? = test.arguments.first(where: { $0.name == "to" })?.value,
                  case .value(.string(let field))? = test.arguments.first(where: { $0.name == "field" })?.value,
                  included.contains(other), other != model.name,
                  let target = project.models.first(where: { $0.name == other })
            else { continue }
            let from = fieldReference(column, in: model)
            let to = fieldReference(field, in: target)
            out.append((other, from, to, primaryKey(target) == field.lowercased() ? "many_to_one" : "many_to_many"))
        }
        return out.sorted { ($0.model, $0.from) < ($1.model, $1.from) }
    }

    /// The LookML field that holds a column's raw value.
    func fieldReference(_ column: String, in model: ModelInfo) -> String {
        let info = model.columns.first { $0.name.uppercased() == column.uppercased() }
        if case .time = Self.field(info?.type) { return "\(column.lowercased())_raw" }
        return column.lowercased()
    }

    /// A LookML double-quoted string on one line.
    static func string(_ s: String) -> String {
        var out = "\""
        for ch in s.trimmingCharacters() {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r", "\t": out += " "
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}
