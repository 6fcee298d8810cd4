import ShopcBase
import ShopcSpec

/// The checked `deploy:` section, with every default applied; input of the workflow, Airflow and
/// LookML emitters.
public struct DeployInfo: Sendable, Equatable {
    public var branch: String
    public var stagingTarget: String
    public var productionTarget: String
    public var productionEnvironment: String
    /// Five-field cron (UTC), or nil for no scheduled runs.
    public var schedule: String?
    public var slackWebhookSecret: String?
    public var accountSecret: String
    public var userSecret: String
    public var privateKeySecret: String
    public var privateKeyPassphraseSecret: String?
    /// Action name → commit SHA.
    public var actions: [String: String]
    public var swiftVersion: String?
    public var snowflakeCLIVersion: String
    public var runner: String
    public var sqlValidator: String?
    public var docs: Bool
    public var docsDir: String?
    public var timeoutMinutes: Int
    public var airflow: AirflowInfo?
    public var looker: LookerInfo?
}

/// Airflow DAG settings.
public struct AirflowInfo: Sendable, Equatable {
    public var connID: String
    public var retries: Int
    public var retryDelayMinutes: Int
    /// Targets that get a DAG.
    public var targets: [String]
}

/// LookML settings.
public struct LookerInfo: Sendable, Equatable {
    public var connection: String
    public var target: String
    public var layers: [String]
}

/// Resolves `project.deploy` against the declared targets and layers.
enum DeployResolver {
    static func resolve(_ spec: DeploySpec?, project: ProjectSpec, targets: [String], _ d: inout Diagnostics) -> DeployInfo? {
        guard let spec else { return nil }
        var ok = true
        func target(_ name: Located<String>, _ key: String) {
            guard !targets.contains(name.value) else { return }
            ok = false
            if project.unreadableTargets.contains(name.value) { return }  // its own error says why
            d.error(.unknownTarget, "'\(key)' names target '\(name.value)', which is not declared under 'targets'", at: name.location,
                    notes: Suggestion.note(for: name.value, in: targets).map { [$0] } ?? [])
        }
        target(spec.stagingTarget, "staging_target")
        target(spec.productionTarget, "production_target")
        var airflow: AirflowInfo?
        if let a = spec.airflow {
            for t in a.targets { target(t, "airflow.targets") }
            airflow = AirflowInfo(
                connID: a.connID?.value ?? "snowflake_default", retries: a.retries?.value ?? 2,
                retryDelayMinutes: a.retryDelayMinutes?.value ?? 5, targets: a.targets.isEmpty ? targets : a.targets.map(\.value))
        }
        var looker: LookerInfo?
        if let l = spec.looker {
            if let t = l.target { target(t, "looker.target") }
            let declared = project.layers.map(\.name.value)
            for layer in l.layers where !declared.contains(layer.value) {
                ok = false
                d.error(.unknownLayer, "'looker.layers' names layer '\(layer.value)', which the project does not declare", at: layer.location,
                        notes: Suggestion.note(for: layer.value, in: declared).map { [$0] } ?? [])
            }
            looker = LookerInfo(
                connection: l.connection?.value ?? project.name.value, target: l.target?.value ?? spec.productionTarget.value,
                layers: l.layers.isEmpty ? ["gold"] : l.layers.map(\.value))
        }
        guard ok else { return nil }
        return DeployInfo(
            branch: spec.branch?.value ?? "main", stagingTarget: spec.stagingTarget.value, productionTarget: spec.productionTarget.value,
            productionEnvironment: spec.productionEnvironment?.value ?? "production", schedule: spec.schedule?.value,
            slackWebhookSecret: spec.slackWebhookSecret?.value,
            accountSecret: spec.snowflake.accountSecret?.value ?? "SNOWFLAKE_ACCOUNT", userSecret: spec.snowflake.userSecret?.value ?? "SNOWFLAKE_USER",
            privateKeySecret: spec.snowflake.privateKeySecret?.value ?? "SNOWFLAKE_PRIVATE_KEY",
            privateKeyPassphraseSecret: spec.snowflake.privateKeyPassphraseSecret?.value,
            actions: Dictionary(spec.actions.map { ($0.name.value, $0.sha.value) }, uniquingKeysWith: { a, _ in a }),
            swiftVersion: spec.swiftVersion?.value, snowflakeCLIVersion: spec.snowflakeCLIVersion?.value ?? "3.31.0",
            runner: spec.runner?.value ?? "ubuntu-24.04", sqlValidator: spec.sqlValidator?.value, docs: spec.docs?.value ?? false,
            docsDir: spec.docsDir?.value, timeoutMinutes: spec.timeoutMinutes?.value ?? 30, airflow: airflow, looker: looker)
    }
}
