import OrderedCollections
import ShopcAnalysis
import ShopcBase
import ShopcTemplate

/// `workflows/shopc-pr.yml` and `workflows/shopc-deploy.yml`, hardened: empty top-level
/// permissions and least permissions per job, actions pinned to commits, no persisted
/// credentials, concurrency groups, timeouts, and every expression passed to scripts through
/// `env` (never expanded inside a `run:` script).
struct WorkflowEmitter {
    let project: AnalysedProject
    let deploy: DeployInfo
    let templates: TemplateSet

    func emit(_ artifacts: ArtifactSet, _ d: inout Diagnostics) -> [(String, String)] {
        var out: [(String, String)] = []
        var globals = common()
        for (name, history) in [("build_steps", true), ("build_steps_shallow", false)] {
            globals["full_history"] = .bool(history)
            globals[name] = .string(templates.render("workflow_build_steps.yml", globals, &d) ?? "")
        }
        if let text = templates.render("workflow_pr.yml", globals, &d) { out.append(("workflows/shopc-pr.yml", text)) }
        let targets = [
            (job: "staging", name: deploy.stagingTarget, environment: "staging", needs: "verify"),
            (job: "production", name: deploy.productionTarget, environment: deploy.productionEnvironment, needs: "staging"),
        ]
        globals["stages"] = .list(targets.map { stage in
            // The setup in deploy.sql reads its deploy-time variables (`<% NAME %>`: IAM role and
            // SNS topic ARNs) from `snow sql -D`; each comes from the secret of the same name.
            var scripts: [TemplateValue] = [script("Deploy \(stage.name)", "\(stage.name)/deploy.sql", variables: SetupEmitter.variables(project))]
            if artifacts.files["\(stage.name)/run_tests.sql"] != nil {
                scripts.append(script("Run the data tests on \(stage.name)", "\(stage.name)/run_tests.sql"))
            }
            return .dict([
                "job": .string(stage.job), "name": .string(stage.name), "environment": .string(stage.environment),
                "needs": .string(stage.needs), "scripts": .list(scripts),
            ])
        })
        var jobs = ["verify", "staging", "production"]
        if deploy.docs { jobs.append("docs") }
        globals["last_job"] = .string("production")
        globals["staging"] = .dict([
            "name": .string(deploy.stagingTarget), "tests": .bool(artifacts.files["\(deploy.stagingTarget)/run_tests.sql"] != nil),
        ])
        globals["production"] = .dict(["name": .string(deploy.productionTarget), "environment": .string(deploy.productionEnvironment)])
        globals["all_jobs"] = .string(jobs.joined(separator: ", "))
        if let text = templates.render("workflow_deploy.yml", globals, &d) { out.append(("workflows/shopc-deploy.yml", text)) }
        return out
    }

    /// A script a deploy job runs: `path` is relative to the folder the job deploys from
    /// (`generated/`, or the selection it compiled).
    func script(_ title: String, _ path: String, variables: [String] = []) -> TemplateValue {
        .dict([
            "title": .string(title), "path": .string(path),
            "variables": .list(variables.map { .dict(["name": .string($0), "secret": .string(Self.secret($0))]) }),
        ])
    }

    /// `owner/repo@sha # owner/repo` for a pinned action (validated when the spec was loaded).
    func uses(_ name: String) -> TemplateValue {
        guard let sha = deploy.actions[name] else { return .none }
        return .string("\(name)@\(sha)")
    }

    static func secret(_ name: String) -> String { "${{ secrets.\(name) }}" }

    func common() -> [String: TemplateValue] {
        [
            "header": .string(DeliveryEmitter.header("#")), "project": .string(project.name), "branch": .string(deploy.branch),
            "runner": .string(deploy.runner), "timeout": .int(deploy.timeoutMinutes),
            "swift_version": deploy.swiftVersion.map { .string($0) } ?? .none,
            "sql_validator": deploy.sqlValidator.map { .string($0) } ?? .none,
            "schedule": deploy.schedule.map { .string($0) } ?? .none,
            "docs": .bool(deploy.docs), "docs_dir": .string(deploy.docsDir ?? "generated/docs"),
            "slack": .bool(deploy.slackWebhookSecret != nil),
            "snowflake_cli_version": .string(deploy.snowflakeCLIVersion),
            "actions": .dict([
                "checkout": uses("actions/checkout"), "setup_swift": uses("swift-actions/setup-swift"),
                "upload_pages_artifact": uses("actions/upload-pages-artifact"), "deploy_pages": uses("actions/deploy-pages"),
            ]),
            "secrets": .dict([
                "account": .string(Self.secret(deploy.accountSecret)), "user": .string(Self.secret(deploy.userSecret)),
                "private_key": .string(Self.secret(deploy.privateKeySecret)),
                "passphrase": deploy.privateKeyPassphraseSecret.map { .string(Self.secret($0)) } ?? .none,
                "slack": deploy.slackWebhookSecret.map { .string(Self.secret($0)) } ?? .none,
            ]),
        ]
    }
}
