/// The shape of every section of a spec file: which keys a mapping allows, what type each value
/// has and which keys are required. It is the single source of truth for both the loader
/// (`MappingReader` takes its allowed keys, messages and required flags from here) and the JSON
/// Schema that editors use (`SpecJSONSchema`).
public enum SpecSchema {
    /// The type of a value in a spec file.
    public indirect enum ValueType: Sendable, Equatable {
        /// A string; YAML null is accepted when the key is optional.
        case string
        /// Free text: a string, a number or a boolean (read as its text).
        case text
        /// A Snowflake unquoted identifier (`[A-Za-z_][A-Za-z0-9_$]*`).
        case identifier
        /// The name of an environment variable.
        case envName
        /// An integer; `minimum` when set.
        case integer(minimum: Int?)
        /// `true` or `false`.
        case boolean
        /// One of a fixed set of strings.
        case choice([String])
        /// One of a fixed set of strings, in any case (`severity: WARN`, as dbt reads it).
        case choiceIgnoringCase([String])
        /// A list of strings, or one string for a one-element list.
        case stringList(item: ValueType)
        /// A nested section.
        case section(String)
        /// A list of sections.
        case list(String)
        /// A mapping from a name (an identifier) to a section, e.g. `targets`.
        case namedSections(String)
        /// A list of data tests (names, or one-key mappings of a test name to its arguments).
        case tests
        /// A mapping of arbitrary keys to arbitrary values (`vars`, COPY options).
        case anyMapping
        /// Any YAML value.
        case any
    }

    /// One key of a section.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var type: ValueType
        public var required: Bool
        public var summary: String

        init(_ name: String, _ type: ValueType, required: Bool = false, _ summary: String) {
            self.name = name
            self.type = type
            self.required = required
            self.summary = summary
        }
    }

    /// A mapping in a spec file and the keys it allows.
    public struct Section: Sendable, Equatable {
        /// The stable name of the section (a `$defs` name in the JSON Schema).
        public var id: String
        /// What the mapping is called in messages ("model", "source table").
        public var what: String
        public var summary: String
        public var fields: [Field]
        /// Whether keys beyond `fields` are allowed (file format options, checked later).
        public var openEnded = false

        /// The allowed keys in declaration order.
        public var keys: [String] { fields.map(\.name) }

        /// The field declared for `key`.
        public func field(_ key: String) -> Field? {
            let length = key.utf8.count
            return fields.first { $0.name.utf8.count == length && $0.name == key }
        }
    }

    /// Every section, the file first; the JSON Schema lists them in this order.
    public static let sections: [Section] = [
        file, project, target, layer, roles, source, stage, sourceTable, freshness, freshnessThreshold, column,
        testConfig, model, macro, macroArgument, fileFormat, storageIntegration, maskingPolicy, singularTest,
        genericTest, analysis,
    ]

    /// The section with the given id.
    public static func section(_ id: String) -> Section? { sections.first { $0.id == id } }

    static let warehouseSizes = ["XSMALL", "SMALL", "MEDIUM", "LARGE", "XLARGE", "XXLARGE", "XXXLARGE", "X4LARGE", "X5LARGE", "X6LARGE"]
    static let materializations = ["view", "table", "incremental", "ephemeral"]
    static let incrementalStrategies = ["merge", "append", "delete+insert"]
    static let fileFormatTypes = ["CSV", "JSON", "PARQUET", "AVRO", "ORC", "XML"]

    /// The top level of a spec file.
    public static let file = Section(id: "file", what: "spec file", summary: "A shopc spec file: any mix of sections.", fields: [
        Field("version", .integer(minimum: 1), "The spec format version; this shopc reads 1."),
        Field("project", .section("project"), "The project: name, targets, layers, variables (exactly one file declares it)."),
        Field("sources", .list("source"), "Sources: external data landing in bronze tables."),
        Field("models", .list("model"), "Models: SQL SELECTs materialized as views, tables or incremental tables."),
        Field("macros", .list("macro"), "Macros with typed arguments, callable from templates."),
        Field("file_formats", .list("file_format"), "Named file formats for stages and COPY."),
        Field("storage_integrations", .list("storage_integration"), "Storage integrations for external stages."),
        Field("masking_policies", .list("masking_policy"), "Masking policies attached to columns."),
        Field("tests", .list("singular_test"), "Singular data tests: a query returning failing rows."),
        Field("generic_tests", .list("generic_test"), "Generic data tests usable by name on columns and models."),
        Field("analyses", .list("analysis"), "Analyses: queries compiled per target but not deployed."),
    ])

    static let project = Section(id: "project", what: "project", summary: "The project.", fields: [
        Field("name", .identifier, required: true, "The project name."),
        Field("default_target", .string, required: true, "The target used when none is given."),
        Field("targets", .namedSections("target"), required: true, "Deployment targets by name (dev, ci, prod)."),
        Field("vars", .anyMapping, "Project variables read with var()."),
        Field("layers", .list("layer"), "Layers in order and what each may read."),
        Field("schema_macro", .string, "The macro that names schemas (default generate_schema_name)."),
        Field("roles", .section("roles"), "The loader, transformer and reporter roles."),
        Field("deploy", .anyMapping, "Delivery settings: workflows, schedule, secrets, pinned actions (spec reference, section 18)."),
    ])

    static let target = Section(id: "target", what: "target", summary: "A deployment target.", fields: [
        Field("database", .identifier, required: true, "Database the target deploys into."),
        Field("schema", .identifier, required: true, "Default schema of the target."),
        Field("warehouse", .identifier, required: true, "Warehouse that runs the target's SQL."),
        Field("warehouse_size", .choice(warehouseSizes), "Warehouse size."),
        Field("auto_suspend", .integer(minimum: nil), "Warehouse auto-suspend, in seconds."),
        Field("role", .identifier, required: true, "Role the deployment runs as."),
        Field("account_env", .envName, "Environment variable holding the account name."),
        Field("user_env", .envName, "Environment variable holding the user name."),
        Field("private_key_env", .envName, "Environment variable holding the private key."),
        Field("vars", .anyMapping, "Variables that override the project's for this target."),
    ])

    static let layer = Section(id: "layer", what: "layer", summary: "A layer and the layers it may read.", fields: [
        Field("name", .identifier, required: true, "The layer name (silver, intermediate, gold)."),
        Field("reads", .stringList(item: .string), "Layers (or 'sources') models of this layer may read."),
        Field("description", .text, "What the layer holds."),
    ])

    static let roles = Section(id: "roles", what: "roles", summary: "Access roles for grants.", fields: [
        Field("loader", .identifier, "Role that loads bronze tables."),
        Field("transformer", .identifier, "Role that builds models."),
        Field("reporter", .identifier, "Role that reads the gold layer."),
    ])

    static let source = Section(id: "source", what: "source", summary: "A source: files on a stage landing in bronze tables.", fields: [
        Field("name", .identifier, required: true, "The source name used in source()."),
        Field("description", .text, "What the source is."),
        Field("schema", .identifier, "Custom schema of the landing tables (passed to the schema macro)."),
        Field("stage", .section("stage"), "The external stage the files are read from."),
        Field("freshness", .section("freshness"), "Default freshness thresholds of the tables."),
        Field("loaded_at_field", .identifier, "Default column freshness is measured on."),
        Field("tables", .list("source_table"), required: true, "The landing tables."),
    ])

    static let stage = Section(id: "stage", what: "stage", summary: "An external stage.", fields: [
        Field("name", .identifier, required: true, "The stage name."),
        Field("url", .string, required: true, "The stage URL, e.g. s3://bucket/prefix/."),
        Field("url_var", .identifier, "A var that, when set for a target (or with --var), replaces the URL."),
        Field("storage_integration", .identifier, "The storage integration the stage uses."),
        Field("file_format", .identifier, "The default file format."),
    ])

    static let sourceTable = Section(id: "source_table", what: "source table", summary: "A bronze landing table.", fields: [
        Field("name", .identifier, required: true, "The table name used in source()."),
        Field("description", .text, "What the table holds."),
        Field("path", .string, "Path of the files under the stage."),
        Field("columns", .list("column"), "Declared columns and types."),
        Field("tests", .tests, "Table-level data tests."),
        Field("data_tests", .tests, "Table-level data tests (dbt 1.8 spelling)."),
        Field("freshness", .section("freshness"), "Freshness thresholds."),
        Field("loaded_at_field", .identifier, "Column freshness is measured on."),
        Field("infer_schema", .boolean, "Create the table with INFER_SCHEMA / USING TEMPLATE."),
        Field("schema_evolution", .boolean, "Enable schema evolution on the table."),
        Field("metadata_columns", .boolean, "Add load metadata columns."),
        Field("auto_ingest", .boolean, "Create a Snowpipe with auto-ingest."),
        Field("aws_sns_topic", .string, "SNS topic of the pipe."),
        Field("copy", .anyMapping, "COPY INTO options (checked against Snowflake's names)."),
    ])

    static let freshness = Section(id: "freshness", what: "freshness", summary: "Freshness thresholds.", fields: [
        Field("warn_after", .section("freshness_threshold"), "Warn when the newest row is older than this."),
        Field("error_after", .section("freshness_threshold"), "Fail when the newest row is older than this."),
    ])

    static let freshnessThreshold = Section(id: "freshness_threshold", what: "freshness threshold", summary: "An age.", fields: [
        Field("count", .integer(minimum: 1), required: true, "How many periods."),
        Field("period", .choice(["minute", "hour", "day"]), required: true, "The period."),
    ])

    static let column = Section(id: "column", what: "column", summary: "A declared column.", fields: [
        Field("name", .identifier, required: true, "The column name."),
        Field("type", .string, "The Snowflake type, e.g. NUMBER(38,2)."),
        Field("data_type", .string, "The Snowflake type (dbt spelling)."),
        Field("description", .text, "What the column holds."),
        Field("tests", .tests, "Data tests on the column."),
        Field("data_tests", .tests, "Data tests on the column (dbt 1.8 spelling)."),
        Field("masking", .identifier, "Masking policy attached to the column."),
        Field("pii", .boolean, "Whether the column holds personal data."),
    ])

    static let testConfig = Section(id: "test_config", what: "test config", summary: "How a data test is run.", fields: [
        Field("severity", .choiceIgnoringCase(["error", "warn"]), "error fails the run; warn only reports (any case)."),
        Field("warn_if", .text, "Failure-count condition for a warning, e.g. '> 0'."),
        Field("error_if", .text, "Failure-count condition for an error, e.g. '> 10'."),
        Field("where", .string, "A filter applied to the tested rows."),
        Field("limit", .integer(minimum: nil), "At most this many failing rows are returned."),
        Field("tags", .stringList(item: .string), "Tags for selection."),
    ])

    static let model = Section(id: "model", what: "model", summary: "A model: a SELECT materialized in Snowflake.", fields: [
        Field("name", .identifier, required: true, "The model name used in ref()."),
        Field("layer", .identifier, "The layer the model belongs to."),
        Field("schema", .identifier, "Custom schema (passed to the schema macro)."),
        Field("materialized", .choice(materializations), "How the model is built (default view)."),
        Field("incremental_strategy", .choice(incrementalStrategies), "How incremental runs apply new rows."),
        Field("unique_key", .stringList(item: .identifier), "Key column(s) of incremental merges."),
        Field("cluster_by", .stringList(item: .identifier), "Clustering key columns."),
        Field("tags", .stringList(item: .string), "Tags for selection."),
        Field("description", .text, "What the model holds."),
        Field("columns", .list("column"), "Declared columns and types."),
        Field("tests", .tests, "Model-level data tests."),
        Field("data_tests", .tests, "Model-level data tests (dbt 1.8 spelling)."),
        Field("sql", .string, "The model's SELECT, with templating."),
        Field("sql_file", .string, "A .sql file holding the SELECT, relative to this file."),
    ])

    static let macro = Section(id: "macro", what: "macro", summary: "A macro with typed arguments.", fields: [
        Field("name", .identifier, required: true, "The macro name."),
        Field("description", .text, "What the macro does."),
        Field("arguments", .list("macro_argument"), "Arguments in call order."),
        Field("returns", .string, "What the macro returns."),
        Field("body", .string, required: true, "The macro body (templating)."),
    ])

    static let macroArgument = Section(id: "macro_argument", what: "macro argument", summary: "A typed macro argument.", fields: [
        Field("name", .identifier, required: true, "The argument name."),
        Field("type", .string, "column, expression, string, integer, number, boolean, relation, list, list[T] or any."),
        Field("description", .text, "What the argument is."),
        Field("default", .any, "Default value; makes the argument optional."),
    ])

    static let fileFormat = Section(
        id: "file_format", what: "file format", summary: "A named file format; other keys are Snowflake format options.",
        fields: [
            Field("name", .identifier, required: true, "The file format name."),
            Field("type", .choice(fileFormatTypes), "The format type (default CSV)."),
            Field("description", .text, "What the format is for."),
        ], openEnded: true)

    static let storageIntegration = Section(id: "storage_integration", what: "storage integration", summary: "An S3 storage integration.", fields: [
        Field("name", .identifier, required: true, "The integration name."),
        Field("provider", .choice(["S3"]), "The storage provider."),
        Field("role_arn", .string, required: true, "The IAM role ARN as a reference, env:NAME, never a literal."),
        Field("allowed_locations", .stringList(item: .string), "Locations the integration may read."),
        Field("description", .text, "What the integration is for."),
    ])

    static let maskingPolicy = Section(id: "masking_policy", what: "masking policy", summary: "A masking policy.", fields: [
        Field("name", .identifier, required: true, "The policy name."),
        Field("type", .string, required: true, "The type of the masked values."),
        Field("unmasked_roles", .stringList(item: .identifier), "Roles that see the real values."),
        Field("masked", .text, "The expression other roles see."),
        Field("description", .text, "What the policy protects."),
    ])

    static let singularTest = Section(id: "singular_test", what: "test", summary: "A singular data test.", fields: [
        Field("name", .identifier, required: true, "The test name."),
        Field("description", .text, "What the test checks."),
        Field("sql", .string, "A query returning the failing rows."),
        Field("sql_file", .string, "A .sql file holding the query."),
        Field("config", .section("test_config"), "How the test is run."),
    ])

    static let genericTest = Section(id: "generic_test", what: "generic test", summary: "A generic data test.", fields: [
        Field("name", .identifier, required: true, "The test name used on columns and models."),
        Field("description", .text, "What the test checks."),
        Field("arguments", .list("macro_argument"), "Typed arguments."),
        Field("sql", .string, required: true, "A query returning the failing rows (templating)."),
    ])

    static let analysis = Section(id: "analysis", what: "analysis", summary: "An analysis query.", fields: [
        Field("name", .identifier, required: true, "The analysis name."),
        Field("description", .text, "What the analysis answers."),
        Field("sql", .string, "The query."),
        Field("sql_file", .string, "A .sql file holding the query."),
    ])
}
