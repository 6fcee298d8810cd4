import ShopcBase
import XCTest

@testable import ShopcSpec

/// The `deploy:` section's value rules: cron schedules, pinned actions, secret names.
final class DeploySpecTests: XCTestCase {
    func testCronExpressions() {
        for good in ["0 6 * * *", "30 5 * * MON-FRI", "*/15 0-6,18-23 1,15 JAN-JUN 0", "5 4 * * sun"] {
            XCTAssertNil(CronExpression.problem(good), good)
        }
        XCTAssertEqual(CronExpression.problem("0 25 * * *"), "hour field '25': '25' is not a number in 0-23")
        XCTAssertEqual(CronExpression.problem("@daily"), "expected 5 fields separated by spaces, found 1")
        XCTAssertEqual(CronExpression.problem("0 6 * * * *"), "expected 5 fields separated by spaces, found 6")
        XCTAssertEqual(CronExpression.problem("* * * * *"), "GitHub runs schedules at most once every 5 minutes")
        XCTAssertEqual(CronExpression.problem("0 6 * * 7"), "day-of-week field '7': '7' is not a number in 0-6")
        XCTAssertEqual(CronExpression.problem("0 9-5 * * *"), "hour field '9-5': range '9-5' runs backwards")
        XCTAssertEqual(CronExpression.problem("0/0 6 * * *"), "minute field '0/0': step '0' must be a positive number")
    }

    func testValuePatterns() {
        XCTAssertTrue(ValuePattern.commitSHA.matches("11bd71901bbe5b1630ceea73d27597364c9af683"))
        XCTAssertFalse(ValuePattern.commitSHA.matches("11BD71901BBE5B1630CEEA73D27597364C9AF683"))
        XCTAssertFalse(ValuePattern.commitSHA.matches("v4.2.2"))
        XCTAssertTrue(ValuePattern.action.matches("github/codeql-action/init"))
        XCTAssertFalse(ValuePattern.action.matches("checkout"))
        XCTAssertTrue(ValuePattern.ref.matches("release/2025.1"))
        XCTAssertFalse(ValuePattern.ref.matches("main; rm -rf /"))
        XCTAssertFalse(ValuePattern.path.matches("../x.sh"))
        XCTAssertFalse(ValuePattern.path.matches("/usr/bin/x"))
        XCTAssertTrue(ValuePattern.version.matches("6.1"))
        XCTAssertFalse(ValuePattern.version.matches("6.1; echo"))
    }

    func testDeploySectionIsDecodedWithLocatedErrors() {
        let yaml = """
        project:
          name: p
          default_target: dev
          targets:
            dev: {database: D, schema: S, warehouse: W, role: R}
          deploy:
            staging_target: dev
            production_target: dev
            schedule: '0 6 * * *'
            slack_webhook_secret: GITHUB_HOOK
            actions:
              actions/checkout: main
            unknown: 1
        """
        var d = Diagnostics()
        let specs = SpecLoader(readReferenced: { _ in .missing }).load(files: [("specs/p.yml", Array(yaml.utf8))], diagnostics: &d)
        XCTAssertEqual(specs.project?.deploy?.schedule?.value, "0 6 * * *")
        XCTAssertEqual(Set(d.sorted.map { "\($0.location?.line ?? 0) \($0.code.rawValue)" }), ["10 SHP7003", "12 SHP7001", "13 SHP1002"])
        XCTAssertEqual(d.sorted.first { $0.code == .unpinnedAction }?.location?.column, 25)
    }
}
