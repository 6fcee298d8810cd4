import ShopcBase
import ShopcSpec
import ShopcSQL

/// Checks the platform objects — file formats, storage integrations, masking policies and the
/// stages that use them — and turns them into the analysed project's plain values.
struct PlatformChecks {
    let specs: ProjectSpecs

    /// The checked platform objects.
    struct Output {
        var fileFormats: [FileFormatInfo] = []
        var storageIntegrations: [StorageIntegrationInfo] = []
        var maskingPolicies: [MaskingPolicyInfo] = []
        /// Format name → its checked options with their locations, for the cross-checks.
        var formatOptions: [String: (type: String, options: [String: SourceLocation], parseHeader: Bool, spec: FileFormatSpec)] = [:]
        var integrations: [String: StorageIntegrationSpec] = [:]
        var policies: [String: MaskingPolicySpec] = [:]
    }

    func run(_ d: inout Diagnostics) -> Output {
        var out = Output()
        for format in specs.fileFormats {
            if let first = out.formatOptions[format.name.value] {
                d.error(.duplicateName, "file format '\(format.name.value)' is declared twice", at: format.name.location,
                        notes: [DiagnosticNote("first declared here", at: first.spec.name.location)])
                continue
            }
            let type = format.type.value.uppercased()
            let checker = OptionChecker(what: "\(type) file format option", catalog: OptionCatalog.fileFormat(type), formatType: type)
            let options = checker.check(format.options, &d)
            let parseHeader = options.contains { $0.name == "PARSE_HEADER" && $0.value == .bool(true) }
            if parseHeader, let skip = options.first(where: { $0.name == "SKIP_HEADER" }),
               let parse = options.first(where: { $0.name == "PARSE_HEADER" }) {
                d.error(.conflictingOptions, "'SKIP_HEADER' cannot be combined with 'PARSE_HEADER = TRUE' (the header line is already read for column names)",
                        at: skip.location, notes: [DiagnosticNote("'PARSE_HEADER' is set here", at: parse.location)])
            }
            out.formatOptions[format.name.value] = (type, Dictionary(options.map { ($0.name, $0.location) }, uniquingKeysWith: { a, _ in a }), parseHeader, format)
            out.fileFormats.append(FileFormatInfo(name: format.name.value, type: type, options: options.map { ($0.name, $0.value) }))
        }
        for integration in specs.storageIntegrations {
            if let first = out.integrations[integration.name.value] {
                d.error(.duplicateName, "storage integration '\(integration.name.value)' is declared twice", at: integration.name.location,
                        notes: [DiagnosticNote("first declared here", at: first.name.location)])
                continue
            }
            out.integrations[integration.name.value] = integration
            for location in integration.allowedLocations where !Self.isS3(location.value) {
                d.error(.stageLocation, "allowed location '\(Identifier.printable(location.value))' is not an s3:// URL", at: location.location)
            }
            guard let variable = Self.reference(integration.roleArn, key: "role_arn", &d) else { continue }
            out.storageIntegrations.append(StorageIntegrationInfo(
                name: integration.name.value, provider: integration.provider.value.uppercased(), roleArnVariable: variable,
                allowedLocations: integration.allowedLocations.map(\.value)))
        }
        for policy in specs.maskingPolicies {
            if let first = out.policies[policy.name.value] {
                d.error(.duplicateName, "masking policy '\(policy.name.value)' is declared twice", at: policy.name.location,
                        notes: [DiagnosticNote("first declared here", at: first.name.location)])
                continue
            }
            out.policies[policy.name.value] = policy
            guard let type = SQLTypeName.canonical(policy.type.value) else {
                d.error(.invalidSQLType, "masking policy type '\(Identifier.printable(policy.type.value))' is not a Snowflake data type", at: policy.type.location,
                        notes: Suggestion.note(for: policy.type.value.uppercased(), in: SQLTypeName.names).map { [$0] } ?? [])
                continue
            }
            let masked = policy.masked.map { Self.checkExpression($0, &d) } ?? Self.defaultMasked(type)
            out.maskingPolicies.append(MaskingPolicyInfo(
                name: policy.name.value, type: type, unmaskedRoles: policy.unmaskedRoles.map(\.value),
                maskedExpression: masked ?? "NULL", description: policy.description?.value))
        }
        return out
    }

    /// `env:NAME` or `var:name` → the name of the deploy-time variable; anything else is an error,
    /// because the value itself (an ARN) names an AWS account and must not reach generated/.
    static func reference(_ value: Located<String>, key: String, _ d: inout Diagnostics) -> String? {
        let text = value.value
        for prefix in ["env:", "var:"] where text.hasPrefix(prefix) {
            let name = String(text.dropFirst(prefix.count))
            if Identifier.isValid(name), !name.contains("$") { return name }
            d.error(.invalidValue, "'\(key)' must be '\(prefix)' followed by a variable name (letters, digits and '_'), found '\(Identifier.printable(text))'", at: value.location)
            return nil
        }
        d.error(.literalSecret, "'\(key)' must be a reference such as 'env:SHOPVERSE_AWS_ROLE_ARN', not the value itself: an ARN identifies an AWS account and is never written into generated/",
                at: value.location)
        return nil
    }

    static func isS3(_ url: String) -> Bool {
        url.lowercased().hasPrefix("s3://") && url.count > 5
    }

    /// The masked value for other roles when the spec gives none: a constant of the policy's type.
    static func defaultMasked(_ type: String) -> String {
        SQLTypeFamily.family(type) == "TEXT" ? "'***MASKED***'" : "NULL"
    }

    /// A masking expression is SQL, so it must be one expression: no `;`, no `$$`, and it must
    /// parse. It is written as shopc prints it, without comments: the policy's template puts
    /// `END` after it on the same line, which a trailing `-- comment` would swallow.
    static func checkExpression(_ masked: Located<String>, _ d: inout Diagnostics) -> String? {
        let text = masked.value.trimmingWhitespace()
        if text.contains(";") || text.contains("$$") {
            d.error(.unsafeValue, "'masked' must be a single SQL expression; ';' and '$$' are not allowed", at: masked.location)
            return nil
        }
        if case .failure(let error) = SQLParser.parseQuery("SELECT \(text) AS val") {
            d.error(.sqlSyntax, "'masked' is not a valid SQL expression: \(error.message)", at: masked.location)
            return nil
        }
        switch SQLParser.parseExpression(text) {
        case .success(let expr): return SQLPrinter.print(expr)
        case .failure(let error):
            d.error(.sqlSyntax, "'masked' is not a valid SQL expression: \(error.message)", at: masked.location)
            return nil
        }
    }
}
