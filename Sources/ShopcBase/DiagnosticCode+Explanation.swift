extension DiagnosticCode {
    /// A one-line title for `shopc explain`.
    public var summary: String { page.summary }

    /// A short page: what triggers the diagnostic and how to fix it.
    public var explanation: String { page.explanation }

    private var page: (summary: String, explanation: String) {
        switch self {
        case .fileUnreadable: ("file cannot be read", "A spec, SQL or template file could not be read (permissions, or it vanished). Check the path and its permissions.")
        case .outputUnwritable: ("output cannot be written", "The output folder could not be written. Nothing was changed: shopc builds the new output beside the old one and swaps it in only when complete. Check the folder's permissions and free space.")
        case .outputNotOwned: ("output folder not owned by shopc", "The output folder holds files shopc did not write (no .shopc-output marker). shopc refuses to replace it; choose another --out or empty it.")
        case .noSpecs: ("no specs", "The project directory has no specs/ folder or no *.yml files in it. Run shopc from the project root or pass --project-dir.")
        case .invalidEncoding: ("invalid UTF-8", "Spec and SQL files must be UTF-8. The location points at the first invalid byte. A byte-order mark is accepted and ignored.")
        case .inputTooLarge: ("file too large", "A single spec file may be at most 16 MiB. Split it into several files: any number of files under specs/ may hold any sections.")
        case .yamlSyntax: ("YAML syntax error", "The file is not valid YAML (or nests deeper than 200 levels). The location is where the YAML parser stopped; a note may point at the construct it was reading.")
        case .unknownKey: ("unknown key", "A mapping holds a key the spec format does not define. Usually a typo: the note suggests the closest known key. docs/spec-reference.md lists every key.")
        case .wrongType: ("wrong value type", "A value has the wrong YAML type, for example a list where a string is expected. The message names the expected type and what was found.")
        case .missingField: ("missing field", "A required key is missing, for example a model without 'name' or 'sql', or an incremental model without 'unique_key'.")
        case .duplicateKey: ("duplicate key", "The same key appears twice in one YAML mapping. YAML would silently keep the last one; shopc refuses.")
        case .invalidValue: ("invalid value", "A value is outside the allowed set (for example materialized: 'tabel'). The note lists the accepted values.")
        case .duplicateName: ("duplicate name", "Two things of the same kind share a name (models, sources, macros, targets, columns). Names must be unique; the note points at the first declaration.")
        case .pathOutsideProject: ("path outside the project", "A referenced file (sql_file) resolves outside the project directory, through '..' or a symbolic link. Keep SQL files next to their YAML.")
        case .sqlFileMissing: ("SQL file missing", "A model's sql_file names a file that does not exist. Paths are relative to the YAML file that names them.")
        case .sqlSourceConflict: ("both sql and sql_file", "A model gives its SQL both inline and as a file. Keep one.")
        case .projectMissing: ("no project section", "One spec file must hold a 'project' section with the project name, default target and targets.")
        case .invalidIdentifier: ("invalid identifier", "Names of models, sources, columns, schemas and roles become SQL identifiers and must be plain: a letter or '_' followed by letters, digits, '_' or '$'. This keeps any spec value from changing what a generated statement does.")
        case .unknownTarget: ("unknown target", "A target name (default_target or --target) is not declared under project.targets.")
        case .invalidSQLType: ("invalid SQL type", "A declared column type is not a Snowflake data type, or its parameters are out of range (NUMBER precision 1..38, scale 0..precision).")
        case .yamlAlias: ("YAML expands too far", "Aliases expand the document past two million nodes (an 'alias bomb') or nest it past 200 levels.")
        case .templateSyntax: ("template syntax error", "A Jinja tag or expression is malformed: an unclosed {% if %}, an unknown tag, a bad expression. The location is in the spec file, inside the SQL.")
        case .undefinedName: ("undefined name", "A template uses a variable or function that is not defined. Use 'is defined' to test for optional names.")
        case .unknownFilter: ("unknown filter", "A template applies a filter shopc does not provide. docs/spec-reference.md lists the filters.")
        case .templateTypeError: ("template type error", "A template expression combines values of the wrong types, for example adding a string to a number or reading an attribute of none.")
        case .unknownMacro: ("unknown macro", "A template calls a macro that no spec declares. The note suggests the closest macro.")
        case .macroArity: ("wrong macro arguments", "A macro is called with too many arguments, without a required one, or with one given twice. The note points at the macro's declaration.")
        case .unknownKeywordArgument: ("unknown keyword argument", "A macro is called with a keyword argument it does not declare.")
        case .expansionLimit: ("expansion limit", "A template loops too long, produces too much output, nests too deep, or a macro calls itself. shopc stops instead of hanging or overflowing its stack.")
        case .macroArgumentType: ("macro argument type", "An argument given at a call site does not match the type the macro declares (column, expression, string, integer, number, boolean, relation, list).")
        case .builtinMisuse: ("built-in function misuse", "ref(), source() or var() is called with the wrong arguments, or the template raised an error on purpose.")
        case .undefinedVar: ("undefined variable", "var('name') names a variable that the project and target do not declare, and no default is given.")
        case .unknownRef: ("unknown model", "ref('name') names a model that no spec declares. The note suggests the closest model name.")
        case .unknownSource: ("unknown source", "source('name', 'table') names a source that no spec declares.")
        case .unknownSourceTable: ("unknown source table", "source('name', 'table') names a table the source does not declare.")
        case .cycle: ("dependency cycle", "Models reference each other in a cycle. The message lists the cycle and a note shows where each reference is written.")
        case .layerViolation: ("layer rule broken", "A model reads from a layer its layer may not read (see project.layers[].reads), for example silver reading gold.")
        case .unknownLayer: ("unknown layer", "A model names a layer the project does not declare.")
        case .unknownColumn: ("unknown column", "A column named in a key, a test or a relationship is not a declared column of the model or source.")
        case .unknownTest: ("unknown test", "A test name is neither a built-in test nor a declared generic test.")
        case .invalidTestArguments: ("invalid test arguments", "A test is missing a required argument, has an unknown one, or is declared where it does not apply.")
        case .emptyModel: ("empty model", "A model's SQL renders to nothing for a target.")
        case .unknownOption: ("unknown COPY or file-format option", "A key under a source table's 'copy:' or a file format is not one of Snowflake's documented options (for that file format type). The note suggests the closest option name. Option names are case-insensitive.")
        case .invalidOptionValue: ("invalid option value", "An option has a value of the wrong type (a list where a boolean is expected) or outside its allowed set, for example ON_ERROR, which accepts CONTINUE, SKIP_FILE, SKIP_FILE_<n>, 'SKIP_FILE_<n>%' or ABORT_STATEMENT.")
        case .conflictingOptions: ("conflicting options", "Options that Snowflake rejects together: PARSE_HEADER = TRUE with SKIP_HEADER, MATCH_BY_COLUMN_NAME on a CSV format without PARSE_HEADER = TRUE, or infer_schema on a CSV format without PARSE_HEADER = TRUE.")
        case .stageLocation: ("bad stage location", "A stage URL must be an s3:// location inside one of its storage integration's allowed_locations, and a table's path must be a plain relative folder (letters, digits, '_', '-', '.', '/', '=').")
        case .unknownPlatformObject: ("unknown platform object", "A stage names a storage integration or file format, or a column names a masking policy, that no spec declares. The note suggests the closest name.")
        case .maskingTypeMismatch: ("masking policy type mismatch", "A masking policy can only be attached to a column of its own type family: a VARCHAR policy to text columns, a NUMBER policy to numeric columns, and so on.")
        case .columnMapping: ("column mapping mismatch", "A source table's columns do not line up with how it is loaded: no declared columns without infer_schema, a declared column clashing with a load metadata column (_source_file, _source_row, _loaded_at), or a loaded_at_field that is neither declared nor a metadata column.")
        case .unsafeValue: ("unsafe value", "A spec value would end up somewhere it could change what a statement does: '$$' in SQL that runs inside an EXECUTE IMMEDIATE $$...$$ block, ';' in a masking expression, or a stage path with characters outside the safe set.")
        case .literalSecret: ("literal secret", "A storage integration's role_arn must be a reference (env:NAME or var:name) that the deploy runner supplies, never the ARN itself: an ARN identifies an AWS account and must not be written into generated/.")
        case .sqlSyntax: ("SQL syntax error", "A model's SQL (after templating) is not valid Snowflake SQL. The location maps back to the spec file.")
        }
    }
}
