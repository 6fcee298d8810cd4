import ShopcBase
import ShopcSQL

/// The output of the analysis stage and the only input of the emitters: everything resolved,
/// checked and ordered, with no trace of YAML.
public struct AnalysedProject: Sendable {
    /// The project name.
    public var name: String
    /// The default target name.
    public var defaultTarget: String
    /// Targets in declaration order.
    public var targets: [TargetInfo]
    /// Access roles for grants.
    public var roles: Roles
    /// Sources and their tables.
    public var sources: [SourceInfo]
    /// Models in deterministic topological order (dependencies first).
    public var models: [ModelInfo]
    /// Macros (name, description, arguments) for documentation.
    public var macros: [MacroInfo]
    /// Data tests declared on columns, models and sources, and singular tests.
    public var tests: [TestInfo]
    /// Platform objects.
    public var fileFormats: [FileFormatInfo]
    public var storageIntegrations: [StorageIntegrationInfo]
    public var maskingPolicies: [MaskingPolicyInfo]
    /// Analyses: queries compiled per target but not deployed.
    public var analyses: [AnalysisInfo]
    /// Spec files and their checksums, sorted by path.
    public var specFiles: [(path: String, sha256: String)]
    /// The checked `deploy:` section, when the project has one.
    public var deploy: DeployInfo? = nil
    /// Layer names in declaration order (for documentation).
    public var layers: [String] = []
    /// What the analysis built on the way (parse trees, render traces, name tables), released
    /// with the project rather than when `analyse` returns: on a 10,000-model project freeing
    /// them node by node takes a tenth of a second, which the `shopc` process, keeping the
    /// project until it exits, never spends.
    var intermediates = Intermediates()
}

/// Values kept alive with an `AnalysedProject`; see `AnalysedProject.intermediates`.
final class Intermediates: @unchecked Sendable {
    // Written only while the project is built, by the thread building it.
    private var values: [Any] = []

    func keep(_ value: Any) { values.append(value) }
}

/// The access roles named by the project.
public struct Roles: Sendable, Equatable {
    public var loader: String
    public var transformer: String
    public var reporter: String
}

/// A deployment target.
public struct TargetInfo: Sendable, Equatable {
    public var name: String
    public var database: String
    public var schema: String
    public var warehouse: String
    /// The warehouse size and auto-suspend seconds the target sets; nil leaves them to
    /// Snowflake's default on creation and untouched on an existing warehouse.
    public var warehouseSize: String?
    public var autoSuspend: Int?
    public var role: String
    /// Names of environment variables the runner must provide (never values).
    public var accountEnv: String?
    public var userEnv: String?
    public var privateKeyEnv: String?
}

/// A fully qualified table or view name.
public struct Relation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var database: String
    public var schema: String
    public var name: String

    public init(database: String, schema: String, name: String) {
        self.database = database
        self.schema = schema
        self.name = name
    }

    /// `database.schema.name` in the canonical style: unquoted identifiers in lower case (Snowflake
    /// folds them to upper case, so this names the same object).
    public var description: String { "\(database).\(schema).\(name)".lowercased() }
}

/// A declared column.
public struct ColumnInfo: Sendable, Equatable {
    public var name: String
    /// The declared Snowflake type in canonical spelling, if any.
    public var type: String?
    public var description: String?
    public var masking: String?
    public var pii: Bool
}

/// A node of the graph: a source table or a model.
public enum NodeID: Sendable, Hashable, Comparable, CustomStringConvertible {
    case source(source: String, table: String)
    case model(String)

    /// `source.shopverse_raw.bronze_orders` or `model.stg_orders`.
    public var description: String {
        switch self {
        case .source(let s, let t): "source.\(s).\(t)"
        case .model(let m): "model.\(m)"
        }
    }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { DescriptionPieces(lhs).precedes(DescriptionPieces(rhs)) }
}

/// A source and its landing tables.
public struct SourceInfo: Sendable {
    public var name: String
    public var description: String?
    public var stage: StageInfo?
    public var tables: [SourceTableInfo]
    /// The custom schema named by the spec (`schema:`), before the schema macro.
    public var customSchema: String? = nil
}

/// An external stage.
public struct StageInfo: Sendable, Equatable {
    public var name: String
    /// The URL written in the spec.
    public var url: String
    public var storageIntegration: String?
    public var fileFormat: String?
    /// Target name → URL, for targets where the stage's `url_var` is set (it replaces `url`).
    public var targetURLs: [String: String] = [:]

    /// The stage's URL in one target.
    public func url(for target: String) -> String {
        targetURLs[target] ?? url
    }

    /// The stage reads a local `file://` folder in this target (an emulator run): loads then
    /// fill load-metadata columns from column defaults instead of a COPY transformation.
    public func isLocal(for target: String) -> Bool {
        url(for: target).lowercased().hasPrefix("file://")
    }
}

/// Freshness thresholds (count and period).
public struct FreshnessInfo: Sendable, Equatable {
    public var warnAfter: (count: Int, period: String)?
    public var errorAfter: (count: Int, period: String)?
    public var loadedAtField: String

    public static func == (lhs: FreshnessInfo, rhs: FreshnessInfo) -> Bool {
        lhs.warnAfter?.count == rhs.warnAfter?.count && lhs.warnAfter?.period == rhs.warnAfter?.period
            && lhs.errorAfter?.count == rhs.errorAfter?.count && lhs.errorAfter?.period == rhs.errorAfter?.period
            && lhs.loadedAtField == rhs.loadedAtField
    }
}

/// A source table.
public struct SourceTableInfo: Sendable {
    public var source: String
    public var name: String
    public var description: String?
    public var path: String?
    public var columns: [ColumnInfo]
    public var freshness: FreshnessInfo?
    public var inferSchema: Bool
    public var schemaEvolution: Bool
    public var metadataColumns: Bool
    public var autoIngest: Bool
    public var awsSnsTopic: String?
    /// COPY options, upper-case names, checked, in canonical order.
    public var copyOptions: [(name: String, value: OptionValue)]
    /// The landing table per target name.
    public var relations: [String: Relation]
    public var id: NodeID { .source(source: source, table: name) }
}

/// A checked option value for COPY, file formats and similar.
public enum OptionValue: Sendable, Equatable {
    case string(String)
    case keyword(String)
    case number(String)
    case bool(Bool)
    case list([OptionValue])
}

/// The SQL of a model for one target.
///
/// Immutable and shared: a build is handed from the compiler to the type checker, the checks and
/// every emitter, and as a class each hand-over retains one reference instead of every string and
/// parse tree it holds.
public final class ModelBuild: Sendable, Equatable {
    /// Where the model is created.
    public let relation: Relation
    /// The compiled SELECT (is_incremental() false).
    public let sql: String
    /// The compiled SELECT for incremental runs (is_incremental() true), incremental models only.
    public let incrementalSQL: String?
    /// The parsed query behind `sql`, for analysis.
    public let query: Query?
    /// The parsed query behind `incrementalSQL`.
    public let incrementalQuery: Query?

    public init(relation: Relation, sql: String, incrementalSQL: String?, query: Query? = nil, incrementalQuery: Query? = nil) {
        self.relation = relation
        self.sql = sql
        self.incrementalSQL = incrementalSQL
        self.query = query
        self.incrementalQuery = incrementalQuery
    }

    public static func == (lhs: ModelBuild, rhs: ModelBuild) -> Bool {
        lhs === rhs
            || (lhs.relation == rhs.relation && lhs.sql == rhs.sql && lhs.incrementalSQL == rhs.incrementalSQL
                && lhs.query == rhs.query && lhs.incrementalQuery == rhs.incrementalQuery)
    }
}

/// A model after resolution.
public struct ModelInfo: Sendable {
    public var name: String
    public var layer: String?
    public var materialized: String
    public var incrementalStrategy: String?
    public var uniqueKey: [String]
    public var clusterBy: [String]
    public var tags: [String]
    public var description: String?
    public var columns: [ColumnInfo]
    /// Project-relative path of the YAML that declares the model, and of its SQL.
    public var file: String
    public var sqlFile: String
    /// Direct dependencies, sorted.
    public var dependsOn: [NodeID]
    /// Per target name.
    public var builds: [String: ModelBuild]
    /// The custom schema named by the spec (`schema:`), before the schema macro.
    public var customSchema: String? = nil
    /// The output schema and column lineage inferred from the SQL (nil when it could not be
    /// analysed, for example after a syntax error).
    public var schema: ModelSchema? = nil
    public var id: NodeID { .model(name) }

    /// The columns the model's table is created with: the declared ones, or the inferred ones
    /// when the model declares none.
    public var effectiveColumns: [ColumnInfo] {
        if !columns.isEmpty || schema == nil { return columns }
        return (schema?.columns ?? []).map { ColumnInfo(name: $0.name, type: $0.type.isOpen ? nil : $0.type.description, description: nil, masking: nil, pii: false) }
    }
}

/// A macro, for documentation.
public struct MacroInfo: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var arguments: [(name: String, type: String, hasDefault: Bool)]
    public var returns: String?

    public static func == (lhs: MacroInfo, rhs: MacroInfo) -> Bool {
        lhs.name == rhs.name && lhs.description == rhs.description && lhs.returns == rhs.returns
            && lhs.arguments.map(\.name) == rhs.arguments.map(\.name)
    }
}

/// A data test after checking, compiled per target.
public struct TestInfo: Sendable {
    /// A unique, stable name, e.g. `not_null_stg_orders_profit`.
    public var name: String
    /// The test kind: `not_null`, `relationships`, a generic test name, `singular` or `freshness`.
    public var kind: String
    /// The node the test is attached to.
    public var node: NodeID?
    public var column: String?
    /// Arguments as plain values (rendered, e.g. `to` as a relation per target in `targets`).
    public var arguments: [(name: String, value: TestArgument)]
    /// `error` or `warn`.
    public var severity: String
    public var warnIf: TestThreshold
    public var errorIf: TestThreshold
    public var whereClause: String?
    public var limit: Int?
    public var tags: [String]
    /// Other nodes the test reads (relationships targets, refs of generic and singular tests).
    public var dependsOn: [NodeID]
    /// Per target: the query returning the failing rows (`where` applied, `limit` not applied).
    /// Freshness checks return at most one row with a `severity` column.
    public var compiledSQL: [String: String]
    /// What the test checks, for comments and docs.
    public var description: String?
    /// The spec file that declares the test.
    public var file: String?
}

/// A test argument.
public enum TestArgument: Sendable, Equatable {
    case value(OptionValue)
    case node(NodeID)
    case null
}

/// A named file format.
public struct FileFormatInfo: Sendable, Equatable {
    public var name: String
    public var type: String
    public var options: [(name: String, value: OptionValue)]

    public static func == (lhs: FileFormatInfo, rhs: FileFormatInfo) -> Bool {
        lhs.name == rhs.name && lhs.type == rhs.type && lhs.options.map(\.name) == rhs.options.map(\.name)
            && lhs.options.map(\.value) == rhs.options.map(\.value)
    }
}

/// A storage integration; the role ARN is a reference, never a literal.
public struct StorageIntegrationInfo: Sendable, Equatable {
    public var name: String
    public var provider: String
    /// The runtime variable that holds the role ARN.
    public var roleArnVariable: String
    public var allowedLocations: [String]
}

/// A masking policy.
public struct MaskingPolicyInfo: Sendable, Equatable {
    public var name: String
    public var type: String
    public var unmaskedRoles: [String]
    public var maskedExpression: String
    public var description: String?
}

/// An analysis query.
public struct AnalysisInfo: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var sql: [String: String]
}
