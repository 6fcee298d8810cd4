import ShopcBase

/// Everything loaded from `specs/`: the merged sections of all spec files.
public struct ProjectSpecs: Sendable {
    /// The project section (exactly one across all files).
    public var project: ProjectSpec?
    /// Sources in file order (files sorted by path).
    public var sources: [SourceSpec] = []
    /// Models in file order.
    public var models: [ModelSpec] = []
    /// Macros in file order.
    public var macros: [MacroSpec] = []
    /// Named file formats.
    public var fileFormats: [FileFormatSpec] = []
    /// Storage integrations.
    public var storageIntegrations: [StorageIntegrationSpec] = []
    /// Masking policies.
    public var maskingPolicies: [MaskingPolicySpec] = []
    /// Singular tests (a query returning failing rows).
    public var singularTests: [SingularTestSpec] = []
    /// User-defined generic tests.
    public var genericTests: [GenericTestSpec] = []
    /// Analyses (queries shipped with the project, compiled but not deployed).
    public var analyses: [AnalysisSpec] = []
    /// Every spec file read, with its SHA-256, sorted by path.
    public var files: [SpecFile] = []

    /// Creates an empty set of specs.
    public init() {}
}

/// One spec file that was read.
public struct SpecFile: Sendable, Equatable {
    /// Project-relative path.
    public var path: String
    /// SHA-256 of the file's bytes.
    public var sha256: String
}

/// The `project:` section.
public struct ProjectSpec: Sendable {
    public var name: Located<String>
    public var defaultTarget: Located<String>
    public var targets: [TargetSpec]
    /// Project variables and their default values, for `var('name')`.
    public var vars: [(name: Located<String>, value: SpecValue)]
    /// Layer rules in declaration order.
    public var layers: [LayerSpec]
    /// The schema-naming macro (default `generate_schema_name`).
    public var schemaMacro: Located<String>?
    /// Role names used in grants.
    public var roles: RolesSpec
    public var location: SourceLocation
    /// The `deploy:` section (workflows, Airflow, LookML), when present.
    public var deploy: DeploySpec? = nil
    /// Targets declared under `targets` that could not be read (already reported): references to
    /// them are not reported again as undeclared.
    public var unreadableTargets: Set<String> = []
}

/// A deployment target (`dev`, `ci`, `prod`...).
public struct TargetSpec: Sendable {
    public var name: Located<String>
    public var database: Located<String>
    public var schema: Located<String>
    public var warehouse: Located<String>
    public var warehouseSize: Located<String>?
    public var autoSuspend: Located<Int>?
    public var role: Located<String>
    /// Names of environment variables that hold connection settings (never their values).
    public var accountEnv: Located<String>?
    public var userEnv: Located<String>?
    public var privateKeyEnv: Located<String>?
    /// Target-specific overrides of project vars.
    public var vars: [(name: Located<String>, value: SpecValue)]
    public var location: SourceLocation
}

/// The access roles granted in setup.
public struct RolesSpec: Sendable {
    public var loader: Located<String>?
    public var transformer: Located<String>?
    public var reporter: Located<String>?
}

/// A layer and the layers its models may read from (`sources` names the sources).
public struct LayerSpec: Sendable {
    public var name: Located<String>
    public var reads: [Located<String>]
}

/// A column declared on a source table or a model.
public struct ColumnSpec: Sendable {
    public var name: Located<String>
    public var type: Located<String>?
    public var description: Located<String>?
    public var tests: [TestSpec]
    /// The masking policy applied to this column, by name.
    public var masking: Located<String>?
    /// Personal data flag (defaults to true when masked).
    public var pii: Located<Bool>?
    public var location: SourceLocation
}

/// A test attached to a column or a model (`not_null`, `relationships: {to:, field:}`...).
public struct TestSpec: Sendable {
    public var name: Located<String>
    /// Arguments other than `config`, in file order.
    public var arguments: [(name: Located<String>, value: SpecValue, node: SpecNode)]
    public var config: TestConfigSpec
    public var location: SourceLocation
}

/// The `config:` of a test.
public struct TestConfigSpec: Sendable {
    public var severity: Located<String>?
    public var warnIf: Located<String>?
    public var errorIf: Located<String>?
    public var whereClause: Located<String>?
    public var limit: Located<Int>?
    public var tags: [Located<String>] = []
    public init() {}
}

/// A source: a group of landing tables loaded from one stage.
public struct SourceSpec: Sendable {
    public var name: Located<String>
    public var description: Located<String>?
    /// Custom schema for the landing tables (passed to the schema-naming macro).
    public var schema: Located<String>?
    public var stage: StageSpec?
    public var freshness: FreshnessSpec?
    public var loadedAtField: Located<String>?
    public var tables: [SourceTableSpec]
    public var location: SourceLocation
}

/// An external stage.
public struct StageSpec: Sendable {
    public var name: Located<String>
    public var url: Located<String>
    /// A var whose value, when set for a target, replaces `url` (e.g. a local `file://` folder
    /// passed with `shopc compile --var NAME=VALUE` for an emulator run).
    public var urlVar: Located<String>?
    public var storageIntegration: Located<String>?
    public var fileFormat: Located<String>?
    public var location: SourceLocation
}

/// Freshness thresholds.
public struct FreshnessSpec: Sendable {
    public var warnAfter: (count: Located<Int>, period: Located<String>)?
    public var errorAfter: (count: Located<Int>, period: Located<String>)?
    public var location: SourceLocation
}

/// A source table: where its files are and what columns they hold.
public struct SourceTableSpec: Sendable {
    public var name: Located<String>
    public var description: Located<String>?
    public var path: Located<String>?
    public var columns: [ColumnSpec]
    public var tests: [TestSpec]
    public var freshness: FreshnessSpec?
    public var loadedAtField: Located<String>?
    /// Create the landing table with INFER_SCHEMA instead of the declared columns.
    public var inferSchema: Located<Bool>?
    public var schemaEvolution: Located<Bool>?
    /// Add metadata columns (file name, row number, load time).
    public var metadataColumns: Located<Bool>?
    public var autoIngest: Located<Bool>?
    public var awsSnsTopic: Located<String>?
    /// COPY INTO options, in file order (keys upper-cased by the checker).
    public var copyOptions: [(name: Located<String>, value: SpecValue, node: SpecNode)]
    public var location: SourceLocation
}

/// A model.
public struct ModelSpec: Sendable {
    public var name: Located<String>
    public var layer: Located<String>?
    public var schema: Located<String>?
    public var materialized: Located<String>
    public var incrementalStrategy: Located<String>?
    public var uniqueKey: [Located<String>]
    public var clusterBy: [Located<String>]
    public var tags: [Located<String>]
    public var description: Located<String>?
    public var columns: [ColumnSpec]
    public var tests: [TestSpec]
    /// The SQL template and where it came from (inline block scalar or `.sql` file).
    public var sql: Located<String>?
    public var sqlOrigin: TextOrigin?
    public var sqlFile: Located<String>?
    /// The YAML file that declares the model.
    public var file: String
    public var location: SourceLocation
}

/// A macro argument.
public struct MacroArgumentSpec: Sendable {
    public var name: Located<String>
    public var type: Located<String>
    public var description: Located<String>?
    /// The default value; nil when the argument is required.
    public var defaultValue: SpecValue?
    public var location: SourceLocation
}

/// A macro: typed arguments and a template body.
public struct MacroSpec: Sendable {
    public var name: Located<String>
    public var description: Located<String>?
    public var arguments: [MacroArgumentSpec]
    public var returns: Located<String>?
    public var body: Located<String>
    public var bodyOrigin: TextOrigin
    public var location: SourceLocation
}

/// A named file format.
public struct FileFormatSpec: Sendable {
    public var name: Located<String>
    public var type: Located<String>
    public var options: [(name: Located<String>, value: SpecValue, node: SpecNode)]
    public var location: SourceLocation
}

/// A storage integration.
public struct StorageIntegrationSpec: Sendable {
    public var name: Located<String>
    public var provider: Located<String>
    /// The IAM role ARN, as a reference to a var (`var:name`) or environment placeholder (`env:NAME`).
    public var roleArn: Located<String>
    public var allowedLocations: [Located<String>]
    public var location: SourceLocation
}

/// A masking policy.
public struct MaskingPolicySpec: Sendable {
    public var name: Located<String>
    public var type: Located<String>
    public var unmaskedRoles: [Located<String>]
    /// The masked expression (SQL over `val`), default a type-appropriate constant.
    public var masked: Located<String>?
    public var description: Located<String>?
    public var location: SourceLocation
}

/// A singular test.
public struct SingularTestSpec: Sendable {
    public var name: Located<String>
    public var description: Located<String>?
    public var sql: Located<String>
    public var sqlOrigin: TextOrigin
    public var config: TestConfigSpec
    public var location: SourceLocation
}

/// A user-defined generic test.
public struct GenericTestSpec: Sendable {
    public var name: Located<String>
    public var description: Located<String>?
    public var arguments: [MacroArgumentSpec]
    public var sql: Located<String>
    public var sqlOrigin: TextOrigin
    public var location: SourceLocation
}

/// An analysis: a query compiled with the project but not deployed.
public struct AnalysisSpec: Sendable {
    public var name: Located<String>
    public var description: Located<String>?
    public var sql: Located<String>
    public var sqlOrigin: TextOrigin
    public var location: SourceLocation
}
