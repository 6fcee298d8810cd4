import ShopcBase
import ShopcSpec
import ShopcTemplate

/// A compile-time override of a declared var (`shopc compile --var NAME=VALUE`).
public struct VarOverride: Sendable, Equatable {
    /// The var's name; it must be declared under the project's or a target's `vars`.
    public var name: String
    /// The value as typed on the command line; `null` means unset, integers become numbers.
    public var value: String

    /// Creates an override.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Parses `NAME=VALUE`; nil when there is no `=` or NAME is not a plain identifier.
    public static func parse(_ text: String) -> VarOverride? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals])
        guard Identifier.isValid(name) else { return nil }
        return VarOverride(name: name, value: String(text[text.index(after: equals)...]))
    }

    /// The pseudo-location of values that come from the command line.
    public static let location = SourceLocation(file: "<command line>", line: 1, column: 1)

    /// The template value: `null` is none, a whole number is an integer, anything else a string.
    var templateValue: TemplateValue {
        if value == "null" { return .none }
        if let number = Int(value) { return .int(number) }
        return .string(value)
    }

    /// Reports every override whose name no project or target declares.
    static func check(_ overrides: [VarOverride], project: ProjectSpec, _ d: inout Diagnostics) {
        let declared = Set(project.vars.map(\.name.value) + project.targets.flatMap { $0.vars.map(\.name.value) })
        for override in overrides where !declared.contains(override.name) {
            d.error(.unknownVarOverride, "--var '\(override.name)' overrides no declared variable; declare it under 'vars' in the project",
                    at: nil, notes: Suggestion.note(for: override.name, in: declared).map { [$0] } ?? [])
        }
    }

    /// Applies the overrides on top of a target's vars.
    static func apply(_ overrides: [VarOverride], to vars: inout [String: (value: TemplateValue, location: SourceLocation)]) {
        for override in overrides { vars[override.name] = (override.templateValue, location) }
    }
}

/// Works out each stage's URL per target: its `url`, or the value of its `url_var` when that var
/// is set for the target. A URL from a spec must be `s3://` (checked by `IngestionChecks`); one
/// from a command-line override may also be a local `file://` folder, for emulator runs.
struct StageURLResolver {
    let specs: ProjectSpecs
    let integrations: [String: StorageIntegrationSpec]
    let overrides: Set<String>

    /// Source name → target name → URL, for the stages whose URL differs from their `url`.
    func resolve(scopes: [TargetScope], _ d: inout Diagnostics) -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for source in specs.sources {
            guard let stage = source.stage, let urlVar = stage.urlVar else { continue }
            for scope in scopes {
                guard let found = scope.vars[urlVar.value] else {
                    // Reported once, for the first target.
                    if scope.target.name.value == scopes.first?.target.name.value {
                        d.error(.undefinedVar, "url_var '\(urlVar.value)' of stage '\(stage.name.value)' is not declared under 'vars' in the project",
                                at: urlVar.location, notes: Suggestion.note(for: urlVar.value, in: scope.vars.keys).map { [$0] } ?? [])
                    }
                    continue
                }
                guard case .string(let url) = found.value else {
                    if found.value != .none {
                        d.error(.stageLocation, "var '\(urlVar.value)' (url_var of stage '\(stage.name.value)') must be a URL string or null",
                                at: found.location)
                    }
                    continue
                }
                let fromCommandLine = overrides.contains(urlVar.value)
                if check(url, stage: stage, fromCommandLine: fromCommandLine, at: found.location, target: scope.target.name.value, &d) {
                    out[source.name.value, default: [:]][scope.target.name.value] = url
                }
            }
        }
        return out
    }

    /// Checks one effective URL; false when it is unusable.
    func check(_ url: String, stage: StageSpec, fromCommandLine: Bool, at location: SourceLocation, target: String, _ d: inout Diagnostics) -> Bool {
        let printable = Identifier.printable(url)
        if Self.isLocal(url) {
            guard fromCommandLine else {
                d.error(.stageLocation, "stage URL '\(printable)' for target '\(target)' is a local folder; file:// is accepted only from a command-line override (shopc compile --var)",
                        at: location)
                return false
            }
            guard url.count > 8, !url.contains("'"), url.hasSuffix("/") else {
                d.error(.stageLocation, "local stage URL '\(printable)' must be an absolute file:///folder/ ending in '/' without quotes", at: location)
                return false
            }
            return true
        }
        guard PlatformChecks.isS3(url) else {
            d.error(.stageLocation, "stage URL '\(printable)' for target '\(target)' is not an s3:// location"
                    + (fromCommandLine ? " or a file:// folder" : ""), at: location)
            return false
        }
        if let name = stage.storageIntegration?.value, let integration = integrations[name] {
            let allowed = integration.allowedLocations
            if !allowed.isEmpty, !allowed.contains(where: { IngestionChecks.isUnder(url, $0.value) }) {
                d.error(.stageLocation, "stage URL '\(printable)' for target '\(target)' is outside the allowed locations of storage integration '\(name)'",
                        at: location, notes: [DiagnosticNote("allowed: \(allowed.map(\.value).joined(separator: ", "))", at: integration.name.location)])
                return false
            }
        }
        return true
    }

    /// A local folder (`file://`), readable by emulators only.
    static func isLocal(_ url: String) -> Bool {
        url.lowercased().hasPrefix("file://")
    }
}
