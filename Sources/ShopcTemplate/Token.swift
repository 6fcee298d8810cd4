import ShopcBase

/// Maps byte offsets of a template's text to file locations.
struct Locator: Sendable {
    let lines: LineTable
    let origin: TextOrigin

    /// The file location of a UTF-8 byte offset in the template text.
    func location(_ offset: Int) -> SourceLocation {
        let p = lines.position(ofByte: offset)
        return origin.location(line: p.line, column: p.column)
    }

    func error(_ code: DiagnosticCode, _ message: String, at offset: Int, notes: [DiagnosticNote] = []) -> TemplateError {
        TemplateError(code, message, at: location(offset), notes: notes)
    }
}

/// The kinds of lexical tokens.
enum TokenKind: Equatable, Sendable {
    /// Literal template text (already whitespace-controlled).
    case data(String)
    case variableBegin, variableEnd, blockBegin, blockEnd
    case name(String)
    case string(String)
    case integer(Int)
    case float(Double)
    case op(String)
    case eof
}

/// One token with its byte range in the template text.
struct Token: Sendable {
    var kind: TokenKind
    var start: Int
    var end: Int

    /// A short description for messages, e.g. `'endfor'` or `end of template`.
    var describe: String {
        switch kind {
        case .data: return "template text"
        case .variableBegin: return "'{{'"
        case .variableEnd: return "'}}'"
        case .blockBegin: return "'{%'"
        case .blockEnd: return "'%}'"
        case .name(let n): return "'\(n)'"
        case .string: return "string literal"
        case .integer(let i): return "'\(i)'"
        case .float(let d): return "'\(TemplateValue.pythonFloat(d))'"
        case .op(let o): return "'\(o)'"
        case .eof: return "end of template"
        }
    }
}

extension UInt8 {
    var isSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D || self == 0x0B || self == 0x0C }
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isNameStart: Bool { (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) || self == 0x5F }
    var isNameChar: Bool { isNameStart || isDigit }
}
