/// Wall time of consecutive pipeline stages (`--timings`, the benchmark): each `lap` closes the
/// stage that started at the previous lap.
public struct StageLaps: Sendable {
    private let clock = ContinuousClock()
    private var mark: ContinuousClock.Instant
    /// The finished stages, in order.
    public private(set) var laps: [(stage: String, seconds: Double)] = []

    /// Starts timing now.
    public init() { mark = clock.now }

    /// Ends the current stage under `stage` and starts the next one.
    public mutating func lap(_ stage: String) {
        let now = clock.now
        let elapsed = now - mark
        laps.append((stage, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        mark = now
    }
}
