import ShopcBase
import ShopcTemplate

/// A host with a few functions, so calls, keyword arguments and their errors are exercised.
struct DummyHost: TemplateHost {
    var calls = 0

    func hasFunction(_ name: String) -> Bool { functionNames.contains(name) }

    var functionNames: [String] { ["ref", "source", "var", "is_incremental"] }

    mutating func call(_ call: TemplateCall) throws(TemplateError) -> TemplateValue {
        calls += 1
        switch call.name {
        case "is_incremental": return .bool(calls % 2 == 0)
        case "var": return call.positional.first ?? .none
        default:
            let parts = call.positional.map { value -> String in
                if case .string(let s) = value { return s }
                return value.typeName
            }
            return .string(parts.joined(separator: "."))
        }
    }
}

/// libFuzzer entry point: the input is template text, parsed then rendered with small limits so
/// that a runaway loop or expansion hits a limit instead of the time-out.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    let origin = TextOrigin(file: "fuzz.sql", layout: .block(firstLine: 3, indent: 4))
    let limits = TemplateLimits(maxLoopIterations: 10_000, maxOutputBytes: 1 << 20, maxNestingDepth: 200)
    do throws(TemplateError) {
        let template = try Template.parse(text, origin: origin, limits: limits)
        var host = DummyHost()
        let target = TemplateObject(display: "dev", fields: ["name": .string("dev"), "schema": .string("DEV")])
        let globals: [String: TemplateValue] = [
            "target": .object(target), "items": .list([.int(1), .string("a"), .none]),
            "config": .dict(["k": .string("v")]),
        ]
        let result = try TemplateRenderer(limits: limits).render(template, globals: globals, host: &host)
        // Every output byte must map back to a location.
        var offset = 0
        let length = result.text.utf8.count
        while offset < length {
            _ = result.sourceMap.location(ofByte: offset)
            offset += max(1, length / 64)
        }
    } catch {
        _ = DiagnosticRenderer(format: .text).render([error.diagnostic])
    }
    return 0
}
