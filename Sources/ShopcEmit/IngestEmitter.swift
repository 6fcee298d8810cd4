import OrderedCollections
import ShopcAnalysis
import ShopcBase
import ShopcTemplate

/// Emits the ingestion scripts of one landing table for one target: the bronze DDL and COPY load,
/// the validation script, the Snowpipe and the schema-drift query.
struct IngestEmitter {
    let project: AnalysedProject
    let templates: TemplateSet

    /// The rendered pieces of one table's ingestion.
    struct Scripts {
        var name: String
        /// The bronze DDL (statements with `;`).
        var ddl: String
        /// The COPY INTO statement, without its `;`.
        var copy: String
        /// Whole files, by path relative to the target folder.
        var files: [(path: String, text: String)]
        /// The pipe statement for the deploy script, when the table auto-ingests.
        var pipe: String?
    }

    /// `DB.SCHEMA.NAME` of a platform object kept in the target's default schema.
    static func platformRelation(_ target: TargetInfo, _ name: String) -> String {
        "\(target.database).\(target.schema).\(name)"
    }

    /// An option as `NAME = value` in SQL.
    static func option(_ name: String, _ value: OptionValue) -> String {
        "\(name) = \(render(value))"
    }

    /// An option value in SQL: strings as escaped literals, keywords and numbers as written.
    static func render(_ value: OptionValue) -> String {
        switch value {
        case .string(let s): SQLLiteral.string(s)
        case .keyword(let k), .number(let k): k
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .list(let items): "(" + items.map(render).joined(separator: ", ") + ")"
        }
    }

    func scripts(_ source: SourceInfo, _ table: SourceTableInfo, target: TargetInfo, _ d: inout Diagnostics) -> Scripts? {
        guard let relation = table.relations[target.name], let stage = source.stage else { return nil }
        let stageRelation = Relation(database: relation.database, schema: relation.schema, name: stage.name).description
        let path = table.path.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        let location = "@\(stageRelation)/\(path)"
        let format = stage.fileFormat.map { SQLLiteral.string(Self.platformRelation(target, $0)) }
        let header = ModelEmitter.header(["specs"])
        let comment = table.description.map { TemplateValue.string(SQLLiteral.string($0.trimmingCharacters())) } ?? .none
        let infer: TemplateValue = table.inferSchema && format != nil
            ? .dict(["location": .string(SQLLiteral.string(location)), "format": .string(format ?? "")]) : .none
        let metadata = table.metadataColumns ? MetadataColumns.all : []
        // A local stage (file://, emulator runs only) cannot feed a COPY transformation: the file
        // rows land in a plain table first and an INSERT adds the metadata columns.
        let local = stage.isLocal(for: target.name) && !metadata.isEmpty && !table.columns.isEmpty && !table.inferSchema
            && !table.copyOptions.contains { $0.name == "MATCH_BY_COLUMN_NAME" && $0.value != .keyword("NONE") }
        func column(_ c: ColumnInfo, masked: Bool) -> TemplateValue {
            .dict(["name": .string(c.name), "type": .string(c.type ?? "VARCHAR"),
                   "comment": c.description.map { .string(SQLLiteral.string($0.trimmingCharacters())) } ?? .none,
                   "masking": masked ? c.masking.map { .string(Self.platformRelation(target, $0)) } ?? .none : .none])
        }
        // Masked columns are created with their policy: the landing table is never readable
        // unmasked, even when a later step of the deploy fails before masking.sql.
        var columns: [TemplateValue] = table.columns.map { column($0, masked: true) }
        let fileColumns = table.columns.map { column($0, masked: false) }
        columns += metadata.map { .dict(["name": .string($0.name), "type": .string($0.type), "comment": .string(SQLLiteral.string($0.comment)), "masking": .none]) }
        let filesRelation: TemplateValue = local
            ? .string(Relation(database: relation.database, schema: relation.schema, name: "\(table.name)__shopc_files").description) : .none
        let metadataValues: [TemplateValue] = metadata.map {
            .dict(["name": .string($0.name), "type": .string($0.type), "comment": .string(SQLLiteral.string($0.comment))])
        }
        guard let ddl = templates.render("bronze_table.sql", [
            "name": .string(table.name), "relation": .string(relation.description), "infer": infer, "columns": .list(columns),
            "metadata": .list(metadataValues), "comment": comment, "evolution": .bool(table.schemaEvolution),
            "files_relation": filesRelation, "file_columns": .list(fileColumns),
        ], &d) else { return nil }

        // Loads match by column name when asked to, and always for inferred tables (their columns
        // come from the file header); otherwise by position, with metadata through a SELECT.
        // A JSON, Parquet, Avro or ORC file row is one column ($1): typed columns are filled by
        // name (the default), or with MATCH_BY_COLUMN_NAME = NONE from $1:"column"::TYPE.
        let formatType = stage.fileFormat.flatMap { name in project.fileFormats.first { $0.name == name }?.type } ?? "CSV"
        let oneColumnRows = OptionCatalog.oneColumnRowFormats.contains(formatType)
        var options = table.copyOptions
        if table.inferSchema || (oneColumnRows && !table.columns.isEmpty), !options.contains(where: { $0.name == "MATCH_BY_COLUMN_NAME" }) {
            options.insert(("MATCH_BY_COLUMN_NAME", .keyword("CASE_INSENSITIVE")), at: options.firstIndex { !["FILES", "PATTERN"].contains($0.name) } ?? options.count)
        }
        let byName = options.contains { $0.name == "MATCH_BY_COLUMN_NAME" && $0.value != .keyword("NONE") }
        let positional = !byName && (!metadata.isEmpty || oneColumnRows) && !table.columns.isEmpty && !local
        let fileColumnValues = oneColumnRows
            ? table.columns.map { "$1:\"\($0.name)\"" + ($0.type.map { "::\($0)" } ?? "") }
            : table.columns.indices.map { "$\($0 + 1)" }
        let includeMetadata = byName ? metadata.map { "\($0.name) = \($0.expression)" } : []
        func copy(_ opts: [(name: String, value: OptionValue)]) -> String? {
            templates.render("copy_into.sql", [
                "relation": .string(relation.description), "positional": .bool(positional),
                "files_relation": filesRelation,
                "file_selects": .list((table.columns.map(\.name) + metadata.map { MetadataColumns.localValue($0.name) }).map { .string($0) }),
                "columns": .list((table.columns.map(\.name) + metadata.map(\.name)).map { .string($0) }),
                "selects": .list((fileColumnValues + metadata.map(\.expression)).map { .string($0) }),
                "location": .string(location), "format": .string(format ?? "''"),
                "options": .list(opts.map { .string(Self.option($0.name, $0.value)) }),
                "include_metadata": .list(includeMetadata.map { .string($0) }),
            ], &d).map { $0.droppingLeadingBlankLines.trimmingCharacters() }
        }
        guard format != nil, let load = copy(options) else { return nil }
        var files: [(path: String, text: String)] = []
        if let text = templates.render("ingest_table.sql", [
            "header": .string(header), "name": .string(table.name), "location": .string(location),
            "ddl": .string(ddl.droppingLeadingBlankLines.trimmingCharacters()), "copy": .string(load),
        ], &d) {
            files.append(("ingest/\(table.name).sql", text))
        }
        let validateOptions = options.filter { ["FILES", "PATTERN", "MATCH_BY_COLUMN_NAME", "ENFORCE_LENGTH", "TRUNCATECOLUMNS"].contains($0.name) }
        if let text = templates.render("ingest_validate.sql", [
            "header": .string(header), "name": .string(table.name),
            "temp_relation": .string(Relation(database: relation.database, schema: relation.schema, name: "\(table.name)__shopc_validation").description),
            // Rows read by position from one-column files are checked as they parse, in a VARIANT
            // column: VALIDATION_MODE does not take a COPY with a SELECT.
            "infer": infer, "columns": .list(oneColumnRows && !byName
                ? [.dict(["name": .string("shopc_row"), "type": .string("VARIANT")])]
                : table.columns.map { .dict(["name": .string($0.name), "type": .string($0.type ?? "VARCHAR")]) }),
            "location": .string(location), "format": .string(format ?? "''"),
            "options": .list(validateOptions.map { .string(Self.option($0.name, $0.value)) }),
        ], &d) {
            files.append(("ingest/\(table.name).validate.sql", text))
        }
        var pipe: String?
        // No pipe for a local folder: nothing sends it file events.
        if table.autoIngest, !local {
            let dropped = options.filter { OptionCatalog.notInPipes.contains($0.name) || ($0.name == "ON_ERROR" && $0.value == .keyword("ABORT_STATEMENT")) }
            let kept = options.filter { o in !dropped.contains { $0.name == o.name } }
            var globals: [String: TemplateValue] = [
                "header": .string(""), "name": .string(table.name),
                "pipe_relation": .string(Relation(database: relation.database, schema: relation.schema, name: "\(table.name)_pipe").description),
                "sns_variable": table.awsSnsTopic.map { .string($0) } ?? .none,
                "dropped": .list(dropped.map { .string(Self.option($0.name, $0.value)) }),
                "comment": .string(SQLLiteral.string("Auto-ingest of \(table.name) from \(location)")),
                "copy": .string(copy(kept) ?? load),
            ]
            if let text = templates.render("ingest_pipe.sql", globals, &d) {
                pipe = text.droppingLeadingBlankLines
                globals["header"] = .string(header)
                if let file = templates.render("ingest_pipe.sql", globals, &d) { files.append(("ingest/\(table.name).pipe.sql", file)) }
            }
        }
        if !table.columns.isEmpty {
            let declared = table.columns.map { ($0.name, $0.type ?? "VARCHAR") } + metadata.map { ($0.name, $0.type) }
            if let text = templates.render("ingest_drift.sql", [
                "header": .string(header), "name": .string(table.name), "database": .string(relation.database),
                "schema": .string(SQLLiteral.string(relation.schema.uppercased())), "table": .string(SQLLiteral.string(relation.name.uppercased())),
                "columns": .list(declared.map { .dict([
                    "name": .string(SQLLiteral.string($0.0.uppercased())),
                    "type": .string(SQLLiteral.string(SQLTypeFamily.informationSchemaSignature($0.1))),
                ]) }),
            ], &d) {
                files.append(("ingest/\(table.name).drift.sql", text))
            }
        }
        return Scripts(name: table.name, ddl: ddl.droppingLeadingBlankLines.trimmingCharacters(), copy: load, files: files, pipe: pipe)
    }
}
