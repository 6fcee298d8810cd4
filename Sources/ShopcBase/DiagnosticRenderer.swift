import Foundation

/// How diagnostics are printed.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `path:line:col: error: message [CODE]` with indented `note:` lines.
    case text
    /// One JSON document: `{"diagnostics": [...], "errors": n, "warnings": n}`.
    case json
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`.
    case github
}

/// Renders diagnostics in one of the supported formats. Pure: returns text, prints nothing.
public struct DiagnosticRenderer: Sendable {
    /// The output format.
    public var format: DiagnosticFormat
    /// Whether to add ANSI colours (text format on a terminal only).
    public var color: Bool

    /// Creates a renderer.
    public init(format: DiagnosticFormat = .text, color: Bool = false) {
        self.format = format
        self.color = color
    }

    /// Renders all diagnostics; the result ends with a newline unless it is empty.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        switch format {
        case .text: return diagnostics.map(text).joined()
        case .github: return diagnostics.map(github).joined()
        case .json: return json(diagnostics)
        }
    }

    private func paint(_ s: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    private func text(_ d: Diagnostic) -> String {
        let severity: String
        switch d.severity {
        case .error: severity = paint("error", "1;31")
        case .warning: severity = paint("warning", "1;35")
        case .note: severity = paint("note", "1;36")
        }
        let prefix = d.location.map { "\($0): " } ?? "shopc: "
        var out = "\(prefix)\(severity): \(d.message) [\(d.code.rawValue)]\n"
        for note in d.notes {
            let notePrefix = note.location.map { "\($0): " } ?? ""
            out += "  \(notePrefix)\(paint("note", "1;36")): \(note.message)\n"
        }
        return out
    }

    private func github(_ d: Diagnostic) -> String {
        let command: String
        switch d.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .note: command = "notice"
        }
        var properties: [String] = []
        if let location = d.location {
            properties.append("file=\(Self.escapeProperty(location.file))")
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
        }
        properties.append("title=\(Self.escapeProperty(d.code.rawValue))")
        var message = d.message
        for note in d.notes {
            let where_ = note.location.map { "\($0): " } ?? ""
            message += "\n\(where_)note: \(note.message)"
        }
        return "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
    }

    /// Escapes a workflow-command message (`%`, CR, LF).
    public static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a workflow-command property value (also `:` and `,`).
    public static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    private struct JSONNote: Encodable {
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
    }

    private struct JSONDiagnostic: Encodable {
        var severity: String
        var code: String
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
        var notes: [JSONNote]
    }

    private struct JSONReport: Encodable {
        var diagnostics: [JSONDiagnostic]
        var errors: Int
        var warnings: Int
    }

    private func json(_ diagnostics: [Diagnostic]) -> String {
        let report = JSONReport(
            diagnostics: diagnostics.map { d in
                JSONDiagnostic(
                    severity: d.severity.rawValue, code: d.code.rawValue, message: d.message,
                    file: d.location?.file, line: d.location?.line, column: d.location?.column,
                    notes: d.notes.map {
                        JSONNote(
                            message: $0.message, file: $0.location?.file, line: $0.location?.line,
                            column: $0.location?.column)
                    })
            },
            errors: diagnostics.count { $0.severity == .error },
            warnings: diagnostics.count { $0.severity == .warning })
        return StableJSON.encode(report)
    }
}
