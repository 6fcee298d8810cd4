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
        case .sqlSyntax: ("SQL syntax error", "A model's SQL (after templating) is not valid Snowflake SQL. The location maps back to the spec file.")
        case .unpinnedAction: ("action not pinned to a commit", "Every action in the generated workflows runs at the commit named in project.deploy.actions. A tag or branch (v4, main) can be moved to other code after review; a full 40-character commit SHA cannot. Pin each action the workflows use (actions/checkout always; actions/upload-pages-artifact and actions/deploy-pages with docs: true; swift-actions/setup-swift with swift_version) to the commit of the release you reviewed.")
        case .invalidCron: ("invalid cron schedule", "project.deploy.schedule must be a five-field cron expression in UTC (minute hour day-of-month month day-of-week), as GitHub Actions and Airflow read it, for example '0 6 * * *' for 06:00 every day. Names (MON, JAN) are accepted; seconds, '@daily' and schedules more frequent than every five minutes are not.")
        case .invalidSecretName: ("invalid secret name", "A deploy key names a GitHub Actions secret (slack_webhook_secret, snowflake.account_secret...). Secret names hold letters, digits and '_', do not start with a digit and may not start with GITHUB_. shopc writes only the name into the workflow; the value stays in the repository's or environment's secrets.")
        case .invalidSelector: ("invalid selector", "A --select or --exclude argument cannot be read or names something the project does not have. Selectors: NAME, +NAME (with ancestors), NAME+ (with descendants), 2+NAME / NAME+1 (bounded depth), tag:T, layer:L, path:GLOB, state:modified[+]; a space separates a union, a comma an intersection. Unknown model names get a did-you-mean note.")
        case .stateUnreadable: ("state manifest unreadable", "--state DIR must name a folder holding the manifest.json of an earlier compile (for example the generated/ folder of the base branch). The file is missing, is not JSON, or is not a shopc manifest.")
        case .selectsNothing: ("selector selects nothing", "A selector matched no model, for example a path: glob that matches no spec file. The command still runs; check the selector for a typo.")
        }
    }
}
