/// Text built as UTF-8 bytes, for the documentation pages: a page is thousands of small pieces,
/// and appending them to a `String` through interpolation costs several times more than copying
/// their bytes.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// Appends text as it is.
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends text escaped for HTML (`DocsText.html`).
    mutating func add(html text: String) { DocsText.htmlEscapes.apply(text, into: &bytes) }

    /// Appends text as one Markdown table cell (`DocsText.markdownCell`).
    mutating func add(cell text: String) { DocsText.cellEscapes.apply(DocsText.oneLine(text), into: &bytes) }

    /// Appends text escaped with `escapes`.
    mutating func add(_ text: String, escaping escapes: DocsText.ByteEscapes) { escapes.apply(text, into: &bytes) }

    /// Appends a number in decimal.
    mutating func add(_ number: Int) {
        if number < 0 {
            bytes.append(UInt8(ascii: "-"))
            add(0 - number)
        } else if number < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(number))
        } else {
            add(number / 10)
            bytes.append(UInt8(ascii: "0") + UInt8(number % 10))
        }
    }

    /// Appends ` name="value"` for each pair, in order.
    mutating func add(attributes: KeyValuePairs<String, Int>) {
        for (name, value) in attributes {
            add(" ")
            add(name)
            add("=\"")
            add(value)
            add("\"")
        }
    }

    /// Appends ` name="value"` for each pair, in order, the values escaped for HTML.
    mutating func add(htmlAttributes: KeyValuePairs<String, String>) {
        for (name, value) in htmlAttributes {
            add(" ")
            add(name)
            add("=\"")
            add(html: value)
            add("\"")
        }
    }

    /// The text.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
