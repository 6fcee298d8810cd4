import ShopcBase
import ShopcSpec

/// Checks how each source is loaded — its stage against the integrations and file formats, each
/// table's COPY options and columns — and every column's masking policy, on sources and models.
struct IngestionChecks {
    let specs: ProjectSpecs
    let platform: PlatformChecks.Output

    /// Checked COPY options: source name → table name → options in canonical order.
    func run(_ d: inout Diagnostics) -> [String: [String: [(name: String, value: OptionValue)]]] {
        var out: [String: [String: [(name: String, value: OptionValue)]]] = [:]
        var tableOwners: [String: (source: String, location: SourceLocation)] = [:]
        for source in specs.sources {
            let format = source.stage.flatMap { checkStage($0, &d) }
            for table in source.tables {
                if let owner = tableOwners[table.name.value.lowercased()], owner.source != source.name.value {
                    d.error(.duplicateName, "table '\(table.name.value)' is also declared in source '\(owner.source)'; landing table names must be unique across sources",
                            at: table.name.location, notes: [DiagnosticNote("first declared here", at: owner.location)])
                }
                tableOwners[table.name.value.lowercased()] = (source.name.value, table.name.location)
                out[source.name.value, default: [:]][table.name.value] = checkTable(table, source: source, format: format, &d)
            }
        }
        for table in specs.sources.flatMap(\.tables) { checkMasking(table.columns, &d) }
        for model in specs.models { checkMasking(model.columns, &d) }
        return out
    }

    /// Returns the stage's file format (name and checked facts) when it is known.
    func checkStage(_ stage: StageSpec, _ d: inout Diagnostics) -> (name: String, type: String, parseHeader: Bool, location: SourceLocation)? {
        let url = stage.url.value
        if !PlatformChecks.isS3(url) {
            d.error(.stageLocation, "stage URL '\(Identifier.printable(url))' is not an s3:// location", at: stage.url.location)
        }
        if let integrationName = stage.storageIntegration {
            if let integration = platform.integrations[integrationName.value] {
                let allowed = integration.allowedLocations
                if PlatformChecks.isS3(url), !allowed.isEmpty, !allowed.contains(where: { Self.isUnder(url, $0.value) }) {
                    d.error(.stageLocation, "stage URL '\(Identifier.printable(url))' is outside the allowed locations of storage integration '\(integration.name.value)'",
                            at: stage.url.location, notes: [DiagnosticNote("allowed: \(allowed.map(\.value).joined(separator: ", "))", at: integration.name.location)])
                }
            } else {
                d.error(.unknownPlatformObject, "unknown storage integration '\(integrationName.value)'", at: integrationName.location,
                        notes: Suggestion.note(for: integrationName.value, in: platform.integrations.keys).map { [$0] } ?? [])
            }
        } else if PlatformChecks.isS3(url) {
            d.error(.missingField, "stage '\(stage.name.value)' has no 'storage_integration'; shopc never writes cloud credentials, so an s3:// stage needs one",
                    at: stage.location)
        }
        guard let formatName = stage.fileFormat else { return nil }
        guard let format = platform.formatOptions[formatName.value] else {
            d.error(.unknownPlatformObject, "unknown file format '\(formatName.value)'", at: formatName.location,
                    notes: Suggestion.note(for: formatName.value, in: platform.formatOptions.keys).map { [$0] } ?? [])
            return nil
        }
        return (formatName.value, format.type, format.parseHeader, format.spec.name.location)
    }

    /// `url` lies under `allowed` (an allowed location is a prefix, compared as folders).
    static func isUnder(_ url: String, _ allowed: String) -> Bool {
        let base = allowed.hasSuffix("/") ? allowed : allowed + "/"
        let target = url.hasSuffix("/") ? url : url + "/"
        return target.lowercased().hasPrefix("s3://") && target.hasPrefix(base)
    }

    func checkTable(_ table: SourceTableSpec, source: SourceSpec, format: (name: String, type: String, parseHeader: Bool, location: SourceLocation)?,
                    _ d: inout Diagnostics) -> [(name: String, value: OptionValue)] {
        let checked = OptionChecker(what: "COPY option", catalog: OptionCatalog.copy).check(table.copyOptions, &d)
        let inferSchema = table.inferSchema?.value ?? false
        let metadata = table.metadataColumns?.value ?? false
        if let force = checked.first(where: { $0.name == "FORCE" }), force.value == .bool(true) {
            d.warning(.conflictingOptions, "'force: true' reloads every staged file on every run of the load, so each deploy adds the same rows again; force a reload by hand (COPY INTO … FORCE = TRUE) rather than in the spec",
                      at: force.location)
        }
        let byName = checked.first { $0.name == "MATCH_BY_COLUMN_NAME" }
        // JSON, Parquet, Avro and ORC loads of declared columns match by name unless told not to.
        let oneColumnRows = format.map { OptionCatalog.oneColumnRowFormats.contains($0.type) } ?? false
        let matchesByName = byName.map { $0.value != .keyword("NONE") } ?? (oneColumnRows && !table.columns.isEmpty)

        if let byName, matchesByName, let format, format.type == "CSV", !format.parseHeader {
            d.error(.conflictingOptions, "'MATCH_BY_COLUMN_NAME' on CSV files needs 'parse_header: true' in file format '\(format.name)'",
                    at: byName.location, notes: [DiagnosticNote("file format declared here", at: format.location)])
        }
        if let infer = table.inferSchema, infer.value {
            if source.stage == nil {
                d.error(.missingField, "'infer_schema' needs a stage to read the files from; source '\(source.name.value)' has none", at: infer.location)
            } else if let format, format.type == "CSV", !format.parseHeader {
                d.error(.conflictingOptions, "'infer_schema' on CSV files needs 'parse_header: true' in file format '\(format.name)'",
                        at: infer.location, notes: [DiagnosticNote("file format declared here", at: format.location)])
            }
        }
        if let evolution = table.schemaEvolution, evolution.value, !inferSchema, !matchesByName {
            d.error(.conflictingOptions, "'schema_evolution' only adds columns on loads that match by column name; set 'infer_schema: true' or copy 'match_by_column_name'",
                    at: evolution.location)
        }
        if let auto = table.autoIngest, auto.value, source.stage == nil {
            d.error(.missingField, "'auto_ingest' needs a stage; source '\(source.name.value)' has none", at: auto.location)
        }
        if let topic = table.awsSnsTopic {
            if !(table.autoIngest?.value ?? false) {
                d.error(.conflictingOptions, "'aws_sns_topic' only applies with 'auto_ingest: true'", at: topic.location)
            }
            _ = PlatformChecks.reference(topic, key: "aws_sns_topic", &d)
        }
        if let path = table.path, !Self.isSafePath(path.value) {
            d.error(.stageLocation, "'path' must be a relative folder of letters, digits, '_', '-', '.', '=' and '/', without '..', found '\(Identifier.printable(path.value))'",
                    at: path.location)
        }
        checkColumns(table, source: source, inferSchema: inferSchema, metadata: metadata, &d)
        let order = Dictionary(uniqueKeysWithValues: OptionCatalog.copyOrder.enumerated().map { ($1, $0) })
        return checked.sorted { (order[$0.name] ?? 99) < (order[$1.name] ?? 99) }.map { ($0.name, $0.value) }
    }

    func checkColumns(_ table: SourceTableSpec, source: SourceSpec, inferSchema: Bool, metadata: Bool, _ d: inout Diagnostics) {
        if table.columns.isEmpty && !inferSchema {
            d.error(.columnMapping, "source table '\(table.name.value)' declares no columns; declare them or set 'infer_schema: true'", at: table.name.location)
        }
        let metadataNames = Set(MetadataColumns.names)
        if metadata {
            for column in table.columns where metadataNames.contains(column.name.value.lowercased()) {
                d.error(.columnMapping, "column '\(column.name.value)' clashes with the load metadata column of that name ('metadata_columns: true' adds it)",
                        at: column.name.location)
            }
        }
        guard let loadedAt = table.loadedAtField ?? source.loadedAtField, !(inferSchema && table.columns.isEmpty) else { return }
        var known = table.columns.map { $0.name.value.lowercased() }
        if metadata { known += MetadataColumns.names }
        if !known.contains(loadedAt.value.lowercased()) {
            var notes = Suggestion.note(for: loadedAt.value, in: known).map { [$0] } ?? []
            if !metadata && metadataNames.contains(loadedAt.value.lowercased()) {
                notes = [DiagnosticNote("'\(loadedAt.value)' is a load metadata column: set 'metadata_columns: true' on the table", at: table.name.location)]
            }
            d.error(.columnMapping, "loaded_at_field '\(loadedAt.value)' is not a column of source table '\(table.name.value)'", at: loadedAt.location, notes: notes)
        }
    }

    /// A relative folder of plain characters: it is written unquoted after `@stage/`.
    static func isSafePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else { return false }
        return path.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 45 || b == 46 || b == 47 || b == 61
        }
    }

    func checkMasking(_ columns: [ColumnSpec], _ d: inout Diagnostics) {
        for column in columns {
            guard let name = column.masking else { continue }
            guard let policy = platform.policies[name.value] else {
                d.error(.unknownPlatformObject, "unknown masking policy '\(name.value)'", at: name.location,
                        notes: Suggestion.note(for: name.value, in: platform.policies.keys).map { [$0] } ?? [])
                continue
            }
            guard let columnType = column.type, SQLTypeName.canonical(columnType.value) != nil,
                  SQLTypeName.canonical(policy.type.value) != nil else { continue }
            let columnFamily = SQLTypeFamily.family(columnType.value)
            let policyFamily = SQLTypeFamily.family(policy.type.value)
            if columnFamily != policyFamily {
                d.error(.maskingTypeMismatch, "masking policy '\(name.value)' masks \(policy.type.value) values but column '\(column.name.value)' is \(columnType.value)",
                        at: name.location, notes: [DiagnosticNote("policy declared here", at: policy.type.location)])
            }
        }
    }
}
