import ShopcBase

/// Decodes the sections of one spec file.
struct SectionDecoder {
    let file: String
    let readReferenced: @Sendable (String) -> ReferencedFile

    /// Decodes one file's sections but `project` into `specs` and returns its project mapping:
    /// only the first project across files counts, which the loader settles once every file is
    /// decoded (`decodeProject(_:into:_:)`). Diagnostics of what comes before the project go to
    /// `d`, those of what comes after it to `later`.
    func decodeFile(_ root: MappingNode, into specs: inout ProjectSpecs, _ d: inout Diagnostics, later: inout Diagnostics) -> MappingNode? {
        let r = MappingReader(root, section: SpecSchema.file, diagnostics: &d)
        if let version = r.int("version", &d), version.value != 1 {
            d.error(.invalidValue, "unsupported spec version \(version.value); this shopc reads version 1", at: version.location)
        }
        let project = r.mapping("project", &d)
        for m in r.mappingList("sources", &later) { if let s = decodeSource(m, &later) { specs.sources.append(s) } }
        for m in r.mappingList("models", &later) { if let s = decodeModel(m, &later) { specs.models.append(s) } }
        for m in r.mappingList("macros", &later) { if let s = decodeMacro(m, &later) { specs.macros.append(s) } }
        for m in r.mappingList("file_formats", &later) { if let s = decodeFileFormat(m, &later) { specs.fileFormats.append(s) } }
        for m in r.mappingList("storage_integrations", &later) { if let s = decodeIntegration(m, &later) { specs.storageIntegrations.append(s) } }
        for m in r.mappingList("masking_policies", &later) { if let s = decodeMaskingPolicy(m, &later) { specs.maskingPolicies.append(s) } }
        for m in r.mappingList("tests", &later) { if let s = decodeSingularTest(m, &later) { specs.singularTests.append(s) } }
        for m in r.mappingList("generic_tests", &later) { if let s = decodeGenericTest(m, &later) { specs.genericTests.append(s) } }
        for m in r.mappingList("analyses", &later) { if let s = decodeAnalysis(m, &later) { specs.analyses.append(s) } }
        return project
    }

    /// Decodes a file's `project` section into `specs`, or reports it when an earlier file
    /// already declared the project.
    func decodeProject(_ project: MappingNode, into specs: inout ProjectSpecs, _ d: inout Diagnostics) {
        if let existing = specs.project {
            d.error(.duplicateName, "a second 'project' section", at: project.location,
                    notes: [DiagnosticNote("the project is declared here", at: existing.location)])
        } else {
            specs.project = decodeProject(project, &d)
        }
    }

    // MARK: Project

    func decodeProject(_ m: MappingNode, _ d: inout Diagnostics) -> ProjectSpec? {
        let r = MappingReader(m, section: SpecSchema.project, diagnostics: &d)
        let name = identifier(r, "name", required: true, &d)
        let defaultTarget = r.string("default_target", required: true, &d)
        var targets: [TargetSpec] = []
        var unreadable: Set<String> = []
        if let node = r.mapping("targets", required: true, &d) {
            for entry in node.entries {
                guard case .mapping(let tm) = entry.value else {
                    d.error(.wrongType, "target '\(entry.key.text)' must be a mapping, found \(entry.value.kindDescription)", at: entry.value.location)
                    unreadable.insert(entry.key.text)
                    continue
                }
                if let t = decodeTarget(Located(entry.key.text, at: entry.key.location), tm, &d) { targets.append(t) } else { unreadable.insert(entry.key.text) }
            }
        }
        var layers: [LayerSpec] = []
        for lm in r.mappingList("layers", &d) {
            let lr = MappingReader(lm, section: SpecSchema.layer, diagnostics: &d)
            _ = lr.string("description", lenient: true, &d)
            if let n = identifier(lr, "name", required: true, &d) {
                layers.append(LayerSpec(name: n, reads: lr.stringList("reads", &d)))
            }
        }
        var roles = RolesSpec()
        if let rm = r.mapping("roles", &d) {
            let rr = MappingReader(rm, section: SpecSchema.roles, diagnostics: &d)
            roles.loader = identifier(rr, "loader", &d)
            roles.transformer = identifier(rr, "transformer", &d)
            roles.reporter = identifier(rr, "reporter", &d)
            for (key, role) in [("loader", roles.loader), ("transformer", roles.transformer), ("reporter", roles.reporter)] {
                guard let role, ReservedWords.systemRoles.contains(role.value.uppercased()) else { continue }
                let why = role.value.uppercased() == "PUBLIC"
                    ? "every user has PUBLIC, so its grants (the \(key)'s schemas) would reach every user"
                    : "setup grants this role to SYSADMIN and gives it data privileges, which would put an administrator role under SYSADMIN"
                d.error(.invalidValue, "'\(key)' cannot be the system role '\(role.value.uppercased())': \(why); name a role of the project's own (for example \(key.uppercased()))",
                        at: role.location)
            }
        }
        let deploy = r.mapping("deploy", &d).flatMap { decodeDeploy($0, &d) }
        guard let name, let defaultTarget else { return nil }
        var project = ProjectSpec(
            name: name, defaultTarget: defaultTarget, targets: targets, vars: vars(r.mapping("vars", &d)),
            layers: layers, schemaMacro: r.string("schema_macro", &d), roles: roles, location: m.location)
        project.deploy = deploy
        project.unreadableTargets = unreadable
        return project
    }

    func vars(_ node: MappingNode?) -> [(name: Located<String>, value: SpecValue)] {
        (node?.entries ?? []).map { (Located($0.key.text, at: $0.key.location), SpecValue($0.value)) }
    }

    func decodeTarget(_ name: Located<String>, _ m: MappingNode, _ d: inout Diagnostics) -> TargetSpec? {
        let r = MappingReader(m, section: SpecSchema.target, what: "target '\(name.value)'", diagnostics: &d)
        checkIdentifier(name, what: "target name", &d)
        let database = identifier(r, "database", required: true, &d)
        let schema = identifier(r, "schema", required: true, &d)
        let warehouse = identifier(r, "warehouse", required: true, &d)
        let role = identifier(r, "role", required: true, &d)
        let size = r.choice("warehouse_size", SpecSchema.warehouseSizes, &d)
        let target = TargetSpec(
            name: name, database: database ?? name, schema: schema ?? name, warehouse: warehouse ?? name,
            warehouseSize: size, autoSuspend: r.int("auto_suspend", &d), role: role ?? name,
            accountEnv: envName(r, "account_env", &d), userEnv: envName(r, "user_env", &d),
            privateKeyEnv: envName(r, "private_key_env", &d), vars: vars(r.mapping("vars", &d)), location: m.location)
        guard database != nil, schema != nil, warehouse != nil, role != nil else { return nil }
        return target
    }

    func envName(_ r: MappingReader, _ key: String, _ d: inout Diagnostics) -> Located<String>? {
        guard let s = r.string(key, &d) else { return nil }
        if !Self.isEnvName(s.value) {
            d.error(.invalidValue, "'\(key)' must name an environment variable (letters, digits and '_'), found '\(s.value)'", at: s.location)
            return nil
        }
        return s
    }

    static func isEnvName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    // MARK: Helpers shared by sections

    /// A required-or-optional identifier field, validated as a Snowflake unquoted identifier.
    /// `sqlName` is false for names that never reach SQL as identifiers (macros, their
    /// arguments, tests, analyses), which may then be reserved words.
    func identifier(_ r: MappingReader, _ key: String, required: Bool? = nil, sqlName: Bool = true, _ d: inout Diagnostics) -> Located<String>? {
        guard let s = r.string(key, required: required, &d) else { return nil }
        let what = r.what  // the message captures this string rather than a copy of the reader
        return checkIdentifier(s, what: "'\(key)' in \(what)", sqlName: sqlName, &d) ? s : nil
    }

    /// Names become SQL identifiers, so only plain identifiers are accepted: this is what keeps a
    /// spec value from changing what a statement does.
    @discardableResult
    func checkIdentifier(_ s: Located<String>, what: @autoclosure () -> String, sqlName: Bool = true, _ d: inout Diagnostics) -> Bool {
        if Identifier.isValid(s.value) {
            guard sqlName, ReservedWords.contains(s.value) else { return true }
            d.error(.invalidIdentifier, "\(what()) is the Snowflake reserved word '\(s.value.uppercased())', which cannot be an unquoted identifier; choose another name", at: s.location)
            return false
        }
        d.error(.invalidIdentifier, "\(what()) must be an identifier (a letter or '_' followed by letters, digits, '_' or '$', at most 255 characters), found '\(Identifier.printable(s.value))'", at: s.location)
        return false
    }

    func description(_ r: MappingReader, _ d: inout Diagnostics) -> Located<String>? {
        r.string("description", lenient: true, &d)
    }

    /// A SQL text given inline under `key` (or from `fileKey` when that is allowed).
    func sqlText(_ r: MappingReader, key: String, fileKey: String?, required: Bool, _ d: inout Diagnostics) -> (Located<String>, TextOrigin, Located<String>?)? {
        let inline = r.text(key, &d)
        let fileRef = fileKey.flatMap { r.string($0, &d) }
        switch (inline, fileRef) {
        case (let s?, nil):
            return (Located(s.text, at: s.location), s.origin, nil)
        case (nil, let f?):
            if f.value.allSatisfy(\.isWhitespace) || f.value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                d.error(.invalidValue, "'\(fileKey ?? key)' must be the path of a SQL file, found '\(Identifier.printable(f.value))'", at: f.location)
                return nil
            }
            guard let path = Self.resolve(f.value, relativeTo: file) else {
                d.error(.pathOutsideProject, "'\(fileKey ?? key)' must stay inside the project, found '\(Identifier.printable(f.value))'", at: f.location)
                return nil
            }
            switch readReferenced(path) {
            case .text(let text):
                let origin = TextOrigin(file: path, layout: .wholeFile)
                return (Located(text, at: origin.start), origin, f)
            case .missing:
                d.error(.sqlFileMissing, "SQL file '\(path)' does not exist", at: f.location)
            case .outsideProject:
                d.error(.pathOutsideProject, "'\(f.value)' resolves outside the project (through a symbolic link?)", at: f.location)
            case .unreadable(let why):
                d.error(.fileUnreadable, "cannot read '\(path)': \(why)", at: f.location)
            }
            return nil
        case (let s?, let f?):
            d.error(.sqlSourceConflict, "\(r.what) has both '\(key)' and '\(fileKey ?? "")'; keep one", at: f.location,
                    notes: [DiagnosticNote("'\(key)' is given here", at: s.location)])
            return nil
        case (nil, nil):
            if required {
                let expected = fileKey.map { "'\(key)' or '\($0)'" } ?? "'\(key)'"
                d.error(.missingField, "\(r.what) is missing its SQL: add \(expected)", at: r.node.location)
            }
            return nil
        }
    }

    /// Resolves `path` against the directory of `base` (both project-relative); nil if it escapes.
    static func resolve(_ path: String, relativeTo base: String) -> String? {
        if path.hasPrefix("/") || path.contains("\0") || path.contains("\\") { return nil }
        var parts = base.split(separator: "/").map(String.init)
        parts.removeLast()
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}

/// Rules for identifiers taken from specs.
public enum Identifier {
    /// A Snowflake unquoted identifier: `[A-Za-z_][A-Za-z0-9_$]*`, at most 255 characters.
    public static func isValid(_ s: String) -> Bool {
        let bytes = s.utf8
        guard let first = bytes.first, bytes.count <= 255 else { return false }
        func letter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
        guard letter(first) else { return false }
        return bytes.allSatisfy { letter($0) || ($0 >= 48 && $0 <= 57) || $0 == 36 }
    }

    /// A short, single-line rendering of a bad value for messages.
    /// Control characters are escaped so that no input can move the cursor or recolour the
    /// terminal the diagnostic is printed on.
    public static func printable(_ s: String) -> String {
        var flat = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": flat += "\\n"
            case "\r": flat += "\\r"
            case "\t": flat += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                flat += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: flat.unicodeScalars.append(scalar)
            }
        }
        return flat.count > 60 ? String(flat.prefix(57)) + "..." : flat
    }
}
