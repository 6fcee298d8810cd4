/// Wall time of named stages, for `--timings`. A stage named `parent.part` is a part of the stage
/// `parent` reported next to it (and left out of the total).
public struct StageTimer: Sendable {
    /// The stages timed so far, in order.
    public private(set) var laps: [(stage: String, seconds: Double)] = []
    private let clock = ContinuousClock()
    private var mark: ContinuousClock.Instant

    /// Starts timing the first stage.
    public init() { mark = clock.now }

    /// Ends the current stage as `stage` and starts the next.
    public mutating func lap(_ stage: String) {
        let now = clock.now
        let elapsed = now - mark
        laps.append((stage, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        mark = now
    }

    /// Starts the next stage now, not counting the time since the last lap.
    public mutating func restart() { mark = clock.now }

    /// Adds stages timed elsewhere.
    public mutating func append(_ other: [(stage: String, seconds: Double)]) { laps.append(contentsOf: other) }

    /// The `timing:` lines: each stage, the total of the top-level stages, and `extra` lines.
    public static func report(_ laps: [(stage: String, seconds: Double)]) -> String {
        var text = ""
        for lap in laps { text += "timing: \(lap.stage) \(format(lap.seconds)) s\n" }
        let total = laps.filter { !$0.stage.contains(".") }.reduce(0) { $0 + $1.seconds }
        return text + "timing: total \(format(total)) s\n"
    }

    /// Seconds with four decimals, without Foundation.
    static func format(_ seconds: Double) -> String {
        let tenThousandths = Int((seconds * 10_000).rounded())
        let fraction = String(tenThousandths % 10_000)
        return "\(tenThousandths / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
    }
}
