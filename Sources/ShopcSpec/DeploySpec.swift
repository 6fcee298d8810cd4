import ShopcBase

/// The `project.deploy:` section: how the project is delivered (GitHub Actions workflows, the
/// Airflow DAG, the LookML layer). Values name secrets and targets; they never hold secret values.
public struct DeploySpec: Sendable {
    /// The branch whose pushes deploy (default `main`).
    public var branch: Located<String>?
    /// The target deployed and tested first, on every push.
    public var stagingTarget: Located<String>
    /// The target deployed after staging passes, behind the production environment.
    public var productionTarget: Located<String>
    /// The GitHub environment guarding production (default `production`).
    public var productionEnvironment: Located<String>?
    /// A five-field cron expression (UTC) for scheduled runs; also the Airflow schedule.
    public var schedule: Located<String>?
    /// The secret holding the Slack incoming-webhook URL for failure alerts.
    public var slackWebhookSecret: Located<String>?
    /// Secrets holding the Snowflake connection (key-pair authentication).
    public var snowflake: SnowflakeSecretsSpec
    /// Action name → full commit SHA every `uses:` is pinned to.
    public var actions: [(name: Located<String>, sha: Located<String>)]
    /// The Swift version to install with `swift-actions/setup-swift` (the runner's Swift otherwise).
    public var swiftVersion: Located<String>?
    /// The pinned Snowflake CLI version installed from PyPI.
    public var snowflakeCLIVersion: Located<String>?
    /// The GitHub-hosted runner label (default `ubuntu-24.04`).
    public var runner: Located<String>?
    /// A script run on the generated folder by the pull-request workflow to validate the SQL.
    public var sqlValidator: Located<String>?
    /// Whether the deploy workflow publishes documentation to GitHub Pages.
    public var docs: Located<Bool>?
    /// The folder published as documentation (default `<generated>/docs`).
    public var docsDir: Located<String>?
    /// `timeout-minutes` of every job (default 30).
    public var timeoutMinutes: Located<Int>?
    /// The Airflow DAG settings; no DAG is generated without them.
    public var airflow: AirflowSpec?
    /// The LookML settings; no LookML is generated without them.
    public var looker: LookerSpec?
    /// Where the `deploy` key is.
    public var location: SourceLocation
}

/// Secret names for the Snowflake connection.
public struct SnowflakeSecretsSpec: Sendable {
    public var accountSecret: Located<String>?
    public var userSecret: Located<String>?
    public var privateKeySecret: Located<String>?
    public var privateKeyPassphraseSecret: Located<String>?
}

/// `deploy.airflow:`.
public struct AirflowSpec: Sendable {
    /// The Airflow connection id (default `snowflake_default`).
    public var connID: Located<String>?
    /// Task retries (default 2).
    public var retries: Located<Int>?
    /// Minutes between retries (default 5).
    public var retryDelayMinutes: Located<Int>?
    /// Only these targets get a DAG (all when empty).
    public var targets: [Located<String>]
    public var location: SourceLocation
}

/// `deploy.looker:`.
public struct LookerSpec: Sendable {
    /// The Looker connection name (default: the project name).
    public var connection: Located<String>?
    /// The target whose relations the views read (default: the production target).
    public var target: Located<String>?
    /// The layers that get a view (default `[gold]`).
    public var layers: [Located<String>]
    public var location: SourceLocation
}
