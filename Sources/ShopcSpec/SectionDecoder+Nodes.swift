import ShopcBase

extension SectionDecoder {
    // MARK: Sources

    func decodeSource(_ m: MappingNode, _ d: inout Diagnostics) -> SourceSpec? {
        let r = MappingReader(m, section: SpecSchema.source, diagnostics: &d)
        let name = identifier(r, "name", required: true, &d)
        var stage: StageSpec?
        if let sm = r.mapping("stage", &d) {
            let sr = MappingReader(sm, section: SpecSchema.stage, diagnostics: &d)
            if let n = identifier(sr, "name", required: true, &d), let url = sr.string("url", required: true, &d) {
                stage = StageSpec(name: n, url: url, urlVar: identifier(sr, "url_var", &d), storageIntegration: identifier(sr, "storage_integration", &d),
                                  fileFormat: identifier(sr, "file_format", &d), location: sm.location)
            }
        }
        let tables = r.mappingList("tables", &d).compactMap { decodeSourceTable($0, &d) }
        if !r.has("tables") {
            d.error(.missingField, "source is missing required key 'tables'", at: m.location)
        }
        guard let name else { return nil }
        return SourceSpec(
            name: name, description: description(r, &d), schema: identifier(r, "schema", &d), stage: stage,
            freshness: freshness(r, &d), loadedAtField: identifier(r, "loaded_at_field", &d), tables: tables, location: m.location)
    }

    func decodeSourceTable(_ m: MappingNode, _ d: inout Diagnostics) -> SourceTableSpec? {
        let r = MappingReader(m, section: SpecSchema.sourceTable, diagnostics: &d)
        let name = identifier(r, "name", required: true, &d)
        var copy: [(name: Located<String>, value: SpecValue, node: SpecNode)] = []
        if let cm = r.mapping("copy", &d) {
            copy = cm.entries.map { (Located($0.key.text, at: $0.key.location), SpecValue($0.value), $0.value) }
        }
        let table = SourceTableSpec(
            name: name ?? Located("", at: m.location), description: description(r, &d), path: r.string("path", &d),
            columns: columns(r, &d), tests: tests(r, &d), freshness: freshness(r, &d),
            loadedAtField: identifier(r, "loaded_at_field", &d), inferSchema: r.bool("infer_schema", &d),
            schemaEvolution: r.bool("schema_evolution", &d), metadataColumns: r.bool("metadata_columns", &d),
            autoIngest: r.bool("auto_ingest", &d), awsSnsTopic: r.string("aws_sns_topic", &d), copyOptions: copy,
            location: m.location)
        return name == nil ? nil : table
    }

    func freshness(_ r: MappingReader, _ d: inout Diagnostics) -> FreshnessSpec? {
        guard let fm = r.mapping("freshness", &d) else { return nil }
        let fr = MappingReader(fm, section: SpecSchema.freshness, diagnostics: &d)
        func threshold(_ key: String) -> (count: Located<Int>, period: Located<String>)? {
            guard let tm = fr.mapping(key, &d) else { return nil }
            let tr = MappingReader(tm, section: SpecSchema.freshnessThreshold, what: "'\(key)'", diagnostics: &d)
            let count = tr.int("count", required: true, &d)
            let period = tr.choice("period", ["minute", "hour", "day"], &d)
            guard let count, let period else { return nil }
            if count.value <= 0 { d.error(.invalidValue, "'count' must be positive", at: count.location) }
            return (count, period)
        }
        return FreshnessSpec(warnAfter: threshold("warn_after"), errorAfter: threshold("error_after"), location: fm.location)
    }

    // MARK: Columns and tests

    func columns(_ r: MappingReader, _ d: inout Diagnostics) -> [ColumnSpec] {
        let list = r.mappingList("columns", &d)
        var out: [ColumnSpec] = []
        out.reserveCapacity(list.count)
        var seen: [String: SourceLocation] = [:]
        seen.reserveCapacity(list.count)
        for cm in list {
            let cr = MappingReader(cm, section: SpecSchema.column, diagnostics: &d)
            guard let name = identifier(cr, "name", required: true, &d) else { continue }
            if let previous = seen[name.value.uppercased()] {
                d.error(.duplicateName, "column '\(name.value)' is declared twice", at: name.location,
                        notes: [DiagnosticNote("first declared here", at: previous)])
                continue
            }
            seen[name.value.uppercased()] = name.location
            let type = cr.string("type", &d) ?? cr.string("data_type", &d)
            out.append(ColumnSpec(
                name: name, type: type, description: description(cr, &d), tests: tests(cr, &d),
                masking: identifier(cr, "masking", &d), pii: cr.bool("pii", &d), location: cm.location))
        }
        return out
    }

    func tests(_ r: MappingReader, _ d: inout Diagnostics) -> [TestSpec] {
        let key = r.has("data_tests") ? "data_tests" : "tests"
        guard let node = r.node(key) else { return [] }
        guard case .sequence(let seq) = node else {
            if case .scalar(let s) = node, s.resolved == .null { return [] }
            d.error(.wrongType, "'\(key)' must be a list of tests, found \(node.kindDescription)", at: node.location)
            return []
        }
        var out: [TestSpec] = []
        for item in seq.items {
            switch item {
            case .scalar(let s):
                guard case .string(let name) = s.resolved else {
                    d.error(.wrongType, "a test must be a name or a mapping, found \(item.kindDescription)", at: s.location)
                    continue
                }
                out.append(TestSpec(name: Located(name, at: s.location), arguments: [], config: TestConfigSpec(), location: s.location))
            case .mapping(let tm):
                guard tm.entries.count == 1, let entry = tm.entries.first else {
                    d.error(.wrongType, "a test mapping must have exactly one key, the test name", at: tm.location)
                    continue
                }
                let name = Located(entry.key.text, at: entry.key.location)
                var arguments: [(name: Located<String>, value: SpecValue, node: SpecNode)] = []
                var config = TestConfigSpec()
                switch entry.value {
                case .mapping(let am):
                    for arg in am.entries {
                        if arg.key.text == "config" {
                            config = testConfig(arg.value, &d)
                        } else if arg.key.text == "arguments", case .mapping(let nested) = arg.value {
                            // dbt 1.10 style: `arguments:` nests the test's own arguments.
                            for n in nested.entries {
                                arguments.append((Located(n.key.text, at: n.key.location), SpecValue(n.value), n.value))
                            }
                        } else {
                            arguments.append((Located(arg.key.text, at: arg.key.location), SpecValue(arg.value), arg.value))
                        }
                    }
                case .scalar(let s) where s.resolved == .null:
                    break
                default:
                    d.error(.wrongType, "the arguments of test '\(name.value)' must be a mapping, found \(entry.value.kindDescription)", at: entry.value.location)
                }
                out.append(TestSpec(name: name, arguments: arguments, config: config, location: tm.location))
            case .sequence:
                d.error(.wrongType, "a test must be a name or a mapping, found a list", at: item.location)
            }
        }
        return out
    }

    func testConfig(_ node: SpecNode, _ d: inout Diagnostics) -> TestConfigSpec {
        var config = TestConfigSpec()
        guard case .mapping(let m) = node else {
            d.error(.wrongType, "'config' must be a mapping, found \(node.kindDescription)", at: node.location)
            return config
        }
        let r = MappingReader(m, section: SpecSchema.testConfig, diagnostics: &d)
        // As in dbt, in any case ('WARN').
        config.severity = r.choice("severity", ["error", "warn"], ignoringCase: true, &d)
        config.warnIf = r.string("warn_if", lenient: true, &d)
        config.errorIf = r.string("error_if", lenient: true, &d)
        config.whereClause = r.string("where", &d)
        config.limit = r.int("limit", &d)
        config.tags = r.stringList("tags", &d)
        return config
    }

    // MARK: Models

    func decodeModel(_ m: MappingNode, _ d: inout Diagnostics) -> ModelSpec? {
        let r = MappingReader(m, section: SpecSchema.model, diagnostics: &d)
        let name = identifier(r, "name", required: true, &d)
        let materialized = r.choice("materialized", SpecSchema.materializations, &d)
        let strategy = r.choice("incremental_strategy", SpecSchema.incrementalStrategies, &d)
        if let strategy, materialized?.value != "incremental" {
            d.error(.invalidValue, "'incremental_strategy' applies only to incremental models", at: strategy.location)
        }
        let uniqueKey = r.stringList("unique_key", &d)
        let sql = sqlText(r, key: "sql", fileKey: "sql_file", required: true, &d)
        guard let name else { return nil }
        for key in uniqueKey { checkIdentifier(key, what: "'unique_key'", &d) }
        if let first = uniqueKey.first, materialized != nil || !r.has("materialized"), (materialized?.value ?? "view") != "incremental" {
            d.warning(.invalidValue, "'unique_key' has no effect on a \(materialized?.value ?? "view") model: only incremental models merge on a key (use a 'unique' test to check it)", at: first.location)
        }
        let clusterBy = r.stringList("cluster_by", &d)
        for key in clusterBy { checkIdentifier(key, what: "'cluster_by'", &d) }
        if let first = clusterBy.first, materialized != nil || !r.has("materialized"), ["view", "ephemeral"].contains(materialized?.value ?? "view") {
            d.warning(.invalidValue, "'cluster_by' has no effect on \(materialized?.value == "ephemeral" ? "an ephemeral" : "a view") model: only tables are clustered", at: first.location)
        }
        return ModelSpec(
            name: name, layer: identifier(r, "layer", &d), schema: identifier(r, "schema", &d),
            materialized: materialized ?? Located("view", at: m.location), incrementalStrategy: strategy,
            uniqueKey: uniqueKey, clusterBy: clusterBy, tags: r.stringList("tags", &d), description: description(r, &d),
            columns: columns(r, &d), tests: tests(r, &d), sql: sql?.0, sqlOrigin: sql?.1, sqlFile: sql?.2, file: file,
            location: m.location)
    }

    // MARK: Macros

    static let argumentTypes = ["column", "expression", "string", "integer", "number", "boolean", "relation", "list", "any"]

    func macroArguments(_ r: MappingReader, _ d: inout Diagnostics) -> [MacroArgumentSpec] {
        var out: [MacroArgumentSpec] = []
        var seen: Set<String> = []
        for am in r.mappingList("arguments", &d) {
            let ar = MappingReader(am, section: SpecSchema.macroArgument, diagnostics: &d)
            guard let name = identifier(ar, "name", required: true, sqlName: false, &d) else { continue }
            if !seen.insert(name.value).inserted {
                d.error(.duplicateName, "argument '\(name.value)' is declared twice", at: name.location)
                continue
            }
            let type = ar.string("type", &d) ?? Located("any", at: am.location)
            let base = type.value.split(separator: " ").first.map { String($0).lowercased() } ?? ""
            let head = base.split(separator: "(").first.map(String.init) ?? base
            let listElement = head.hasPrefix("list[") ? String(head.dropFirst(5).dropLast()) : nil
            if !Self.argumentTypes.contains(head) && !(listElement.map { Self.argumentTypes.contains($0) } ?? false) {
                var notes = [DiagnosticNote("argument types are: \(Self.argumentTypes.joined(separator: ", ")), list[T]; 'column' and 'expression' may add a SQL type, e.g. 'expression NUMBER'")]
                if let note = Suggestion.note(for: head, in: Self.argumentTypes) { notes.insert(note, at: 0) }
                d.error(.invalidValue, "unknown argument type '\(type.value)'", at: type.location, notes: notes)
            }
            out.append(MacroArgumentSpec(
                name: name, type: type, description: description(ar, &d),
                defaultValue: ar.node("default").map(SpecValue.init), location: am.location))
        }
        return out
    }

    func decodeMacro(_ m: MappingNode, _ d: inout Diagnostics) -> MacroSpec? {
        let r = MappingReader(m, section: SpecSchema.macro, diagnostics: &d)
        let name = identifier(r, "name", required: true, sqlName: false, &d)
        let args = macroArguments(r, &d)
        let body = sqlText(r, key: "body", fileKey: nil, required: true, &d)
        guard let name, let body else { return nil }
        return MacroSpec(name: name, description: description(r, &d), arguments: args, returns: r.string("returns", &d),
                         body: body.0, bodyOrigin: body.1, location: m.location)
    }

    // MARK: Platform objects

    func options(_ m: MappingNode, skipping: Set<String>) -> [(name: Located<String>, value: SpecValue, node: SpecNode)] {
        m.entries.filter { !skipping.contains($0.key.text) }.map { (Located($0.key.text, at: $0.key.location), SpecValue($0.value), $0.value) }
    }

    func decodeFileFormat(_ m: MappingNode, _ d: inout Diagnostics) -> FileFormatSpec? {
        // Options are checked against Snowflake's list by the analysis stage, so every key but
        // `name`, `type` and `description` passes through here.
        let r = MappingReader(m, section: SpecSchema.fileFormat, diagnostics: &d)
        guard let name = identifier(r, "name", required: true, &d) else { return nil }
        let type = r.choice("type", SpecSchema.fileFormatTypes, &d) ?? Located("CSV", at: m.location)
        return FileFormatSpec(name: name, type: type, options: options(m, skipping: ["name", "type", "description"]), location: m.location)
    }

    func decodeIntegration(_ m: MappingNode, _ d: inout Diagnostics) -> StorageIntegrationSpec? {
        let r = MappingReader(m, section: SpecSchema.storageIntegration, diagnostics: &d)
        let name = identifier(r, "name", required: true, &d)
        let provider = r.choice("provider", ["S3"], &d) ?? Located("S3", at: m.location)
        let arn = r.string("role_arn", required: true, &d)
        _ = description(r, &d)
        guard let name, let arn else { return nil }
        return StorageIntegrationSpec(name: name, provider: provider, roleArn: arn, allowedLocations: r.stringList("allowed_locations", &d), location: m.location)
    }

    func decodeMaskingPolicy(_ m: MappingNode, _ d: inout Diagnostics) -> MaskingPolicySpec? {
        let r = MappingReader(m, section: SpecSchema.maskingPolicy, diagnostics: &d)
        let name = identifier(r, "name", required: true, &d)
        let type = r.string("type", required: true, &d)
        let roles = r.stringList("unmasked_roles", &d)
        for role in roles where checkIdentifier(role, what: "'unmasked_roles'", &d) && role.value.uppercased() == "PUBLIC" {
            d.error(.invalidValue, "'PUBLIC' in 'unmasked_roles' unmasks the data for everyone: every role inherits PUBLIC, so IS_ROLE_IN_SESSION('PUBLIC') is always true",
                    at: role.location)
        }
        guard let name, let type else { return nil }
        return MaskingPolicySpec(name: name, type: type, unmaskedRoles: roles, masked: r.string("masked", lenient: true, &d),
                                 description: description(r, &d), location: m.location)
    }

    // MARK: Tests and analyses

    func decodeSingularTest(_ m: MappingNode, _ d: inout Diagnostics) -> SingularTestSpec? {
        let r = MappingReader(m, section: SpecSchema.singularTest, diagnostics: &d)
        let name = identifier(r, "name", required: true, sqlName: false, &d)
        let sql = sqlText(r, key: "sql", fileKey: "sql_file", required: true, &d)
        let config = r.node("config").map { testConfig($0, &d) } ?? TestConfigSpec()
        guard let name, let sql else { return nil }
        return SingularTestSpec(name: name, description: description(r, &d), sql: sql.0, sqlOrigin: sql.1, config: config, location: m.location)
    }

    func decodeGenericTest(_ m: MappingNode, _ d: inout Diagnostics) -> GenericTestSpec? {
        let r = MappingReader(m, section: SpecSchema.genericTest, diagnostics: &d)
        let name = identifier(r, "name", required: true, sqlName: false, &d)
        let args = macroArguments(r, &d)
        let sql = sqlText(r, key: "sql", fileKey: nil, required: true, &d)
        guard let name, let sql else { return nil }
        return GenericTestSpec(name: name, description: description(r, &d), arguments: args, sql: sql.0, sqlOrigin: sql.1, location: m.location)
    }

    func decodeAnalysis(_ m: MappingNode, _ d: inout Diagnostics) -> AnalysisSpec? {
        let r = MappingReader(m, section: SpecSchema.analysis, diagnostics: &d)
        let name = identifier(r, "name", required: true, sqlName: false, &d)
        let sql = sqlText(r, key: "sql", fileKey: "sql_file", required: true, &d)
        guard let name, let sql else { return nil }
        return AnalysisSpec(name: name, description: description(r, &d), sql: sql.0, sqlOrigin: sql.1, location: m.location)
    }
}
