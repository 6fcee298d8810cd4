/// How serious a diagnostic is.
public enum Severity: String, Sendable, Codable, Hashable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary message attached to a diagnostic, with its own location.
public struct DiagnosticNote: Hashable, Sendable, Codable {
    /// The note's text.
    public var message: String
    /// Where the note points, if anywhere.
    public var location: SourceLocation?

    /// Creates a note.
    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }
}

/// One finding of a compiler stage: a coded, located message with optional notes.
public struct Diagnostic: Hashable, Sendable, Codable {
    /// Error or warning.
    public var severity: Severity
    /// The stable code, for example `SHP1001`.
    public var code: DiagnosticCode
    /// The main message, lower case, no trailing period.
    public var message: String
    /// The primary location, if the finding is tied to a place in a file.
    public var location: SourceLocation?
    /// Further messages with their own locations.
    public var notes: [DiagnosticNote]

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String,
        at location: SourceLocation?, notes: [DiagnosticNote] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// An error diagnostic.
    public static func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
        notes: [DiagnosticNote] = []
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: location, notes: notes)
    }

    /// A warning diagnostic.
    public static func warning(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
        notes: [DiagnosticNote] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location, notes: notes)
    }
}

/// Collects the diagnostics of a run. Each stage appends what it finds and goes on where it can,
/// so a run reports every error rather than the first.
public struct Diagnostics: Sendable {
    /// Everything collected so far, in the order it was found.
    public private(set) var all: [Diagnostic] = []

    /// Creates an empty collection.
    public init() {}

    /// Adds one diagnostic.
    public mutating func emit(_ diagnostic: Diagnostic) { all.append(diagnostic) }

    /// Adds several diagnostics.
    public mutating func emit(contentsOf diagnostics: [Diagnostic]) { all.append(contentsOf: diagnostics) }

    /// Adds an error.
    public mutating func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
        notes: [DiagnosticNote] = []
    ) {
        emit(.error(code, message, at: location, notes: notes))
    }

    /// Adds a warning.
    public mutating func warning(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
        notes: [DiagnosticNote] = []
    ) {
        emit(.warning(code, message, at: location, notes: notes))
    }

    /// Whether any error was collected.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The diagnostics of `others` that `existing` lacks: none with the same code at the same
    /// place. A second rendering of one template (`is_incremental()` true) repeats the first's
    /// findings, in words that name the rendering.
    public static func new(_ others: [Diagnostic], besides existing: [Diagnostic]) -> [Diagnostic] {
        guard !others.isEmpty, !existing.isEmpty else { return others }
        var seen: Set<String> = []
        for diagnostic in existing { seen.insert("\(diagnostic.code.rawValue) \(diagnostic.location?.description ?? "")") }
        return others.filter { !seen.contains("\($0.code.rawValue) \($0.location?.description ?? "")") }
    }

    /// The number of errors.
    public var errorCount: Int { all.count { $0.severity == .error } }

    /// The number of warnings.
    public var warningCount: Int { all.count { $0.severity == .warning } }

    /// The diagnostics in a stable order: by location (unlocated last), then code and message.
    /// Duplicates (same severity, code, message and location) are reported once.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        let unique = all.filter { seen.insert($0).inserted }
        return unique.sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default:
                if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
                return lhs.message < rhs.message
            }
        }
    }
}

/// A fatal problem that stops a stage. Recoverable ones are collected in `Diagnostics` instead.
public struct StageFailure: Error, Sendable {
    /// What went wrong.
    public var diagnostics: [Diagnostic]

    /// Creates a failure carrying diagnostics.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// Diagnostics travel as errors through `Result` where a single failure is reported.
extension Diagnostic: Error {}
