import ShopcBase

extension SectionDecoder {
    /// The keys of `project.deploy`.
    static let deployKeys = [
        "branch", "staging_target", "production_target", "production_environment", "schedule", "slack_webhook_secret",
        "snowflake", "actions", "swift_version", "snowflake_cli_version", "runner", "sql_validator", "docs", "docs_dir",
        "timeout_minutes", "airflow", "looker",
    ]

    /// Decodes `project.deploy`. Everything that reaches a workflow file is checked here against a
    /// narrow character set, so no spec value can change what a generated workflow does.
    func decodeDeploy(_ m: MappingNode, _ d: inout Diagnostics) -> DeploySpec? {
        let r = MappingReader(m, what: "deploy", allowed: Self.deployKeys, diagnostics: &d)
        let staging = identifier(r, "staging_target", required: true, &d)
        let production = identifier(r, "production_target", required: true, &d)
        var snowflake = SnowflakeSecretsSpec()
        if let sm = r.mapping("snowflake", &d) {
            let sr = MappingReader(sm, what: "deploy.snowflake", allowed: [
                "account_secret", "user_secret", "private_key_secret", "private_key_passphrase_secret",
            ], diagnostics: &d)
            snowflake.accountSecret = secret(sr, "account_secret", &d)
            snowflake.userSecret = secret(sr, "user_secret", &d)
            snowflake.privateKeySecret = secret(sr, "private_key_secret", &d)
            snowflake.privateKeyPassphraseSecret = secret(sr, "private_key_passphrase_secret", &d)
        }
        let docs = r.bool("docs", &d)
        let swiftVersion = pattern(r, "swift_version", .version, &d)
        let actions = pinnedActions(r, &d)
        let named = Set((r.node("actions").flatMap { node -> MappingNode? in if case .mapping(let m) = node { m } else { nil } })?.entries.map(\.key.text) ?? [])
        let spec = DeploySpec(
            branch: pattern(r, "branch", .ref, &d), stagingTarget: staging ?? Located("", at: m.location),
            productionTarget: production ?? Located("", at: m.location),
            productionEnvironment: pattern(r, "production_environment", .name, &d),
            schedule: cron(r, &d), slackWebhookSecret: secret(r, "slack_webhook_secret", &d), snowflake: snowflake,
            actions: actions, swiftVersion: swiftVersion, snowflakeCLIVersion: pattern(r, "snowflake_cli_version", .version, &d),
            runner: pattern(r, "runner", .name, &d), sqlValidator: pattern(r, "sql_validator", .path, &d), docs: docs,
            docsDir: pattern(r, "docs_dir", .path, &d), timeoutMinutes: positive(r, "timeout_minutes", &d),
            airflow: r.mapping("airflow", &d).map { airflow($0, &d) }, looker: r.mapping("looker", &d).map { looker($0, &d) },
            location: m.location)
        var required = ["actions/checkout"]
        if docs?.value == true { required += ["actions/upload-pages-artifact", "actions/deploy-pages"] }
        if swiftVersion != nil { required.append("swift-actions/setup-swift") }
        if r.has("actions") || r.has("staging_target") {
            for name in required where !named.contains(name) {
                d.error(.unpinnedAction, "the generated workflows use '\(name)' but 'deploy.actions' does not pin it to a commit", at: r.keyLocation("actions"),
                        notes: [DiagnosticNote("add '\(name): <40-character commit SHA>' under 'actions'")])
            }
        }
        guard staging != nil, production != nil else { return nil }
        return spec
    }

    func airflow(_ m: MappingNode, _ d: inout Diagnostics) -> AirflowSpec {
        let r = MappingReader(m, what: "deploy.airflow", allowed: ["conn_id", "retries", "retry_delay_minutes", "targets"], diagnostics: &d)
        let retries = r.int("retries", &d)
        if let retries, retries.value < 0 { d.error(.invalidValue, "'retries' must not be negative", at: retries.location) }
        let targets = r.stringList("targets", &d)
        for t in targets { checkIdentifier(t, what: "'targets' in deploy.airflow", &d) }
        return AirflowSpec(connID: pattern(r, "conn_id", .name, &d), retries: retries,
                           retryDelayMinutes: positive(r, "retry_delay_minutes", &d), targets: targets, location: m.location)
    }

    func looker(_ m: MappingNode, _ d: inout Diagnostics) -> LookerSpec {
        let r = MappingReader(m, what: "deploy.looker", allowed: ["connection", "target", "layers"], diagnostics: &d)
        let layers = r.stringList("layers", &d)
        for l in layers { checkIdentifier(l, what: "'layers' in deploy.looker", &d) }
        return LookerSpec(connection: pattern(r, "connection", .name, &d), target: identifier(r, "target", &d), layers: layers, location: m.location)
    }

    /// `actions:`: every value must be a full 40-character commit SHA.
    func pinnedActions(_ r: MappingReader, _ d: inout Diagnostics) -> [(name: Located<String>, sha: Located<String>)] {
        guard let am = r.mapping("actions", &d) else { return [] }
        var out: [(name: Located<String>, sha: Located<String>)] = []
        for entry in am.entries {
            let name = Located(entry.key.text, at: entry.key.location)
            if !ValuePattern.action.matches(name.value) {
                d.error(.invalidValue, "'\(Identifier.printable(name.value))' is not an action name (owner/repository[/path])", at: name.location)
                continue
            }
            guard case .scalar(let s) = entry.value, case .string(let sha) = s.resolved else {
                d.error(.unpinnedAction, "action '\(name.value)' must be pinned to a full 40-character commit SHA, found \(entry.value.kindDescription)", at: entry.value.location)
                continue
            }
            guard ValuePattern.commitSHA.matches(sha) else {
                let hint = sha.hasPrefix("v") || sha.contains(".") || sha.utf8.count < 7 ? "a tag or branch can be moved; a commit SHA cannot"
                    : sha.utf8.count == 40 ? "write the SHA in lowercase hexadecimal (0-9, a-f)"
                    : "expected 40 lowercase hexadecimal characters, found \(sha.utf8.count)"
                d.error(.unpinnedAction, "action '\(name.value)' must be pinned to a full 40-character commit SHA, found '\(Identifier.printable(sha))'", at: s.location,
                        notes: [DiagnosticNote(hint)])
                continue
            }
            out.append((name, Located(sha, at: s.location)))
        }
        return out
    }

    /// A GitHub secret name: letters, digits and `_`, not starting with a digit or `GITHUB_`.
    func secret(_ r: MappingReader, _ key: String, _ d: inout Diagnostics) -> Located<String>? {
        guard let s = r.string(key, &d) else { return nil }
        if !Self.isEnvName(s.value) || s.value.uppercased().hasPrefix("GITHUB_") {
            d.error(.invalidSecretName, "'\(key)' must name a GitHub secret (letters, digits and '_', not starting with a digit or 'GITHUB_'), found '\(Identifier.printable(s.value))'", at: s.location)
            return nil
        }
        return s
    }

    /// A string restricted to a character pattern.
    func pattern(_ r: MappingReader, _ key: String, _ p: ValuePattern, _ d: inout Diagnostics) -> Located<String>? {
        guard let s = r.string(key, lenient: p == .version, &d) else { return nil }
        guard p.matches(s.value) else {
            d.error(.invalidValue, "'\(key)' in \(r.what) must be \(p.description), found '\(Identifier.printable(s.value))'", at: s.location)
            return nil
        }
        return s
    }

    func positive(_ r: MappingReader, _ key: String, _ d: inout Diagnostics) -> Located<Int>? {
        guard let i = r.int(key, &d) else { return nil }
        guard i.value > 0 else {
            d.error(.invalidValue, "'\(key)' in \(r.what) must be positive", at: i.location)
            return nil
        }
        return i
    }

    func cron(_ r: MappingReader, _ d: inout Diagnostics) -> Located<String>? {
        guard let s = r.string("schedule", &d) else { return nil }
        if let problem = CronExpression.problem(s.value) {
            d.error(.invalidCron, "invalid cron expression '\(Identifier.printable(s.value))' for 'schedule': \(problem)", at: s.location,
                    notes: [DiagnosticNote("five fields: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12) day-of-week (0-6), in UTC, e.g. '0 6 * * *'")])
            return nil
        }
        return s
    }
}

/// Character rules for deploy values that end up in workflow files.
enum ValuePattern: Equatable, CustomStringConvertible {
    /// A git branch name.
    case ref
    /// An environment, runner or connection name.
    case name
    /// A dotted version number.
    case version
    /// A relative path inside the repository.
    case path
    /// `owner/repository[/path]`.
    case action
    /// A full commit SHA.
    case commitSHA

    var description: String {
        switch self {
        case .ref: "a branch name (letters, digits, '_', '-', '.', '/')"
        case .name: "a name (letters, digits, '_', '-', '.')"
        case .version: "a version number such as '6.1' or '3.31.0'"
        case .path: "a relative path inside the repository (letters, digits, '_', '-', '.', '/'; no '..')"
        case .action: "an action name"
        case .commitSHA: "a 40-character commit SHA"
        }
    }

    func matches(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard !bytes.isEmpty, bytes.count <= 200 else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
        switch self {
        case .ref:
            return bytes.allSatisfy { alnum($0) || $0 == 95 || $0 == 45 || $0 == 46 || $0 == 47 } && !s.contains("..") && bytes[0] != 45 && bytes[0] != 47
        case .name:
            return bytes.allSatisfy { alnum($0) || $0 == 95 || $0 == 45 || $0 == 46 } && bytes[0] != 45
        case .version:
            return bytes.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 } && bytes[0] != 46 && bytes.last != 46 && !s.contains("..")
        case .path:
            return bytes.allSatisfy { alnum($0) || $0 == 95 || $0 == 45 || $0 == 46 || $0 == 47 }
                && bytes[0] != 47 && bytes[0] != 45 && !s.split(separator: "/").contains("..")
        case .action:
            let parts = s.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0 != ".." }
                && bytes.allSatisfy { alnum($0) || $0 == 95 || $0 == 45 || $0 == 46 || $0 == 47 }
        case .commitSHA:
            return bytes.count == 40 && bytes.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
        }
    }
}
