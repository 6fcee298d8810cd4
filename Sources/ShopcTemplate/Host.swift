import ShopcBase

/// Arguments of a call made from a template to the host.
public struct TemplateCall: Sendable {
    /// The function name, e.g. `ref`.
    public var name: String
    /// Positional argument values.
    public var positional: [TemplateValue]
    /// Keyword arguments in source order.
    public var keywords: [(name: String, value: TemplateValue)]
    /// Location of the callee name in the file (mapped through the origin).
    public var location: SourceLocation
    /// One location per positional argument, then one per keyword argument.
    public var argumentLocations: [SourceLocation]

    /// Creates a call description.
    public init(
        name: String, positional: [TemplateValue], keywords: [(name: String, value: TemplateValue)],
        location: SourceLocation, argumentLocations: [SourceLocation]
    ) {
        self.name = name
        self.positional = positional
        self.keywords = keywords
        self.location = location
        self.argumentLocations = argumentLocations
    }
}

/// The host (the compiler) supplies global functions: ref, source, var, user macros...
public protocol TemplateHost {
    /// Whether the host provides a function with this name.
    func hasFunction(_ name: String) -> Bool
    /// Names of the functions the host provides (for did-you-mean and `is defined`).
    var functionNames: [String] { get }
    /// Performs a call. Throw TemplateError for fatal problems; for recoverable ones the host records
    /// its own diagnostic and returns a placeholder value.
    mutating func call(_ call: TemplateCall) throws(TemplateError) -> TemplateValue
}

/// A host without functions, for templates that call nothing.
public struct EmptyTemplateHost: TemplateHost, Sendable {
    /// Creates the host.
    public init() {}
    /// Always false.
    public func hasFunction(_ name: String) -> Bool { false }
    /// Always empty.
    public var functionNames: [String] { [] }
    /// Never called, since `hasFunction` is false; fails if it is.
    public mutating func call(_ call: TemplateCall) throws(TemplateError) -> TemplateValue {
        throw TemplateError(.undefinedName, "unknown function '\(call.name)'", at: call.location)
    }
}

/// The output of a render and its map back to the template source.
public struct RenderResult: Sendable {
    /// The rendered text.
    public var text: String
    /// Maps UTF-8 byte offsets of `text` to file locations.
    public var sourceMap: SourceMap
}

/// Maps output bytes back to template locations: literal text maps exactly, expression output maps
/// to the start of its expression.
public struct SourceMap: Sendable {
    struct Segment: Sendable {
        var output: Int
        var source: Int
        var literal: Bool
    }

    let segments: [Segment]
    let locator: Locator
    /// The length of the rendered text in bytes.
    var length: Int = 0

    /// The output byte ranges written by expressions (`{{ … }}`), each with the location of its
    /// expression: lets a caller find where a macro call's expansion landed in the text.
    public var expressionOutputs: [(start: Int, end: Int, location: SourceLocation)] {
        var out: [(start: Int, end: Int, location: SourceLocation)] = []
        for (i, s) in segments.enumerated() where !s.literal {
            let end = i + 1 < segments.count ? segments[i + 1].output : max(length, s.output)
            out.append((s.output, end, locator.location(s.source)))
        }
        return out
    }

    /// Whether the output byte at `offset` was copied from the template's literal text (not
    /// written by an expression). False when the render kept no map.
    public func isLiteral(ofByte offset: Int) -> Bool {
        guard let index = segmentIndex(ofByte: offset) else { return false }
        return segments[index].literal
    }

    /// The segment holding the output byte at `offset`; nil before the first one.
    private func segmentIndex(ofByte offset: Int) -> Int? {
        var low = 0
        var high = segments.count - 1
        guard high >= 0, segments[0].output <= offset else { return nil }
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].output <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The file location that produced the output byte at `offset`.
    public func location(ofByte offset: Int) -> SourceLocation {
        guard let index = segmentIndex(ofByte: offset) else { return locator.location(0) }
        let s = segments[index]
        return locator.location(s.literal ? s.source + (offset - s.output) : s.source)
    }
}

/// Collects rendered text, its byte size and source segments.
struct OutputBuffer {
    /// The output as UTF-8 bytes: appending a piece's bytes costs a fraction of `String +=`.
    private var utf8: [UInt8] = []
    var bytes = 0
    var segments: [SourceMap.Segment] = []
    let recording: Bool

    init(recording: Bool) { self.recording = recording }

    mutating func append(_ s: String, source: Int, literal: Bool, limit: Int, loc: Locator) throws(TemplateError) {
        let n = s.utf8.count
        guard n > 0 else { return }
        if bytes + n > limit {
            throw loc.error(.expansionLimit, "template output exceeds the limit of \(limit) bytes", at: source)
        }
        if recording { segments.append(.init(output: bytes, source: source, literal: literal)) }
        var s = s
        s.withUTF8 { utf8.append(contentsOf: $0) }
        bytes += n
    }

    /// The output (whole strings appended, so valid UTF-8).
    var text: String { String(decoding: utf8, as: UTF8.self) }
}
