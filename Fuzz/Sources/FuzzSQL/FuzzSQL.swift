#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ShopcSQL

/// libFuzzer entry point: the input is one query. When it parses, the canonical print must parse
/// again to an equal tree (the printer's round-trip contract) and print to the same text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSQL(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    guard case .success(let query) = SQLParser.parseQuery(text) else { return 0 }
    let printed = SQLPrinter.print(query)
    switch SQLParser.parseQuery(printed) {
    case .success(let reparsed):
        guard reparsed == query else {
            fail("reparsed tree differs", input: text, printed: printed)
        }
        let reprinted = SQLPrinter.print(reparsed)
        guard reprinted == printed else {
            fail("printing is not idempotent:\n\(reprinted)", input: text, printed: printed)
        }
        _ = query.hashValue
    case .failure(let error):
        fail("printed query does not parse: \(error)", input: text, printed: printed)
    }
    return 0
}

/// Reports a broken round trip and aborts, so libFuzzer saves the input as a crash.
func fail(_ message: String, input: String, printed: String) -> Never {
    let text = "round trip failed: \(message)\n--- input\n\(input)\n--- printed\n\(printed)\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    abort()
}
