import OrderedCollections
import ShopcBase

/// Renders parsed templates. Holds no state between renders, so it is reentrant: a host may render
/// macro bodies from inside `call`.
public struct TemplateRenderer: Sendable {
    /// Resource limits applied to each render.
    public var limits: TemplateLimits

    /// Creates a renderer.
    public init(limits: TemplateLimits = .init()) { self.limits = limits }

    /// Renders with global variables (e.g. "target" -> .object) and a host for calls.
    public func render<H: TemplateHost>(
        _ template: Template, globals: [String: TemplateValue], host: inout H
    ) throws(TemplateError) -> RenderResult {
        var state = RenderState(locator: template.locator, globals: globals, limits: limits)
        try state.exec(template.nodes, &host)
        let out = state.buffers[0]
        return RenderResult(text: out.text, sourceMap: SourceMap(segments: out.segments, locator: template.locator, length: out.bytes))
    }
}

/// Loop state exposed as `loop`.
struct LoopInfo {
    var index0: Int
    var length: Int

    var fields: OrderedDictionary<String, TemplateValue> {
        [
            "index": .int(index0 + 1), "index0": .int(index0), "first": .bool(index0 == 0),
            "last": .bool(index0 == length - 1), "length": .int(length), "revindex": .int(length - index0),
            "revindex0": .int(length - index0 - 1),
        ]
    }
}

/// One variable scope: the template top level or one loop iteration.
struct Frame {
    var vars: [String: TemplateValue] = [:]
    var loop: LoopInfo?
}

/// The mutable state of one render.
struct RenderState {
    let loc: Locator
    let globals: [String: TemplateValue]
    let limits: TemplateLimits
    var frames: [Frame] = [Frame()]
    var buffers: [OutputBuffer] = [OutputBuffer(recording: true)]
    var iterations = 0

    init(locator: Locator, globals: [String: TemplateValue], limits: TemplateLimits) {
        self.loc = locator
        self.globals = globals
        self.limits = limits
    }

    func typeError(_ message: String, at offset: Int, notes: [DiagnosticNote] = []) -> TemplateError {
        loc.error(.templateTypeError, message, at: offset, notes: notes)
    }

    mutating func write(_ s: String, source: Int, literal: Bool) throws(TemplateError) {
        try buffers[buffers.count - 1].append(s, source: source, literal: literal, limit: limits.maxOutputBytes, loc: loc)
    }

    mutating func exec<H: TemplateHost>(_ nodes: [Node], _ host: inout H) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let s, let offset):
                try write(s, source: offset, literal: true)
            case .output(let e):
                let v = try eval(e, &host)
                try write(v.displayString, source: e.offset, literal: false)
            case .ifChain(let branches, let otherwise):
                var taken = false
                for branch in branches where try eval(branch.condition, &host).isTruthy {
                    try exec(branch.body, &host)
                    taken = true
                    break
                }
                if !taken, let otherwise { try exec(otherwise, &host) }
            case .forLoop(let targets, let iterable, let filter, let body, let otherwise):
                try execFor(targets, iterable, filter, body, otherwise, &host)
            case .set(let targets, let value, let offset):
                let v = try eval(value, &host)
                try assign(targets, v, at: offset)
            case .setBlock(let name, let body):
                buffers.append(OutputBuffer(recording: false))
                try exec(body, &host)
                let captured = buffers.removeLast()
                frames[frames.count - 1].vars[name] = .string(captured.text)
            case .doExpr(let e):
                _ = try eval(e, &host)
            }
        }
    }

    mutating func assign(_ targets: [String], _ value: TemplateValue, at offset: Int) throws(TemplateError) {
        try checkStorable(value, at: offset)
        if targets.count == 1 {
            frames[frames.count - 1].vars[targets[0]] = value
            return
        }
        let items = try unpack(value, count: targets.count, at: offset)
        for (name, item) in zip(targets, items) { frames[frames.count - 1].vars[name] = item }
    }

    func unpack(_ value: TemplateValue, count: Int, at offset: Int) throws(TemplateError) -> [TemplateValue] {
        let items = try iterate(value, at: offset)
        guard items.count == count else {
            throw typeError("cannot unpack \(items.count) values into \(count) names", at: offset)
        }
        return items
    }

    /// The items a `for` loop visits: list elements, dict keys, string characters.
    func iterate(_ value: TemplateValue, at offset: Int) throws(TemplateError) -> [TemplateValue] {
        switch value {
        case .list(let items): return items
        case .dict(let d): return d.keys.map { .string($0) }
        case .string(let s): return s.unicodeScalars.map { .string(String($0)) }
        default: throw typeError("'\(value.typeName)' value is not iterable", at: offset)
        }
    }

    mutating func execFor<H: TemplateHost>(
        _ targets: [String], _ iterable: Expr, _ filter: Expr?, _ body: [Node], _ otherwise: [Node]?,
        _ host: inout H
    ) throws(TemplateError) {
        var items = try iterate(try eval(iterable, &host), at: iterable.offset)
        if let filter {
            var kept: [TemplateValue] = []
            for item in items {
                try countIteration(at: iterable.offset)
                frames.append(Frame())
                try assign(targets, item, at: iterable.offset)
                let keep = try eval(filter, &host).isTruthy
                frames.removeLast()
                if keep { kept.append(item) }
            }
            items = kept
        }
        if items.isEmpty {
            if let otherwise { try exec(otherwise, &host) }
            return
        }
        for (index, item) in items.enumerated() {
            try countIteration(at: iterable.offset)
            frames.append(Frame(vars: [:], loop: LoopInfo(index0: index, length: items.count)))
            try assign(targets, item, at: iterable.offset)
            try exec(body, &host)
            frames.removeLast()
        }
    }

    mutating func countIteration(at offset: Int) throws(TemplateError) {
        iterations += 1
        if iterations > limits.maxLoopIterations {
            throw loc.error(.expansionLimit, "template loops exceed the limit of \(limits.maxLoopIterations) iterations", at: offset)
        }
    }

    /// A variable from the template scopes or the globals.
    func lookup(_ name: String) -> TemplateValue? {
        for frame in frames.reversed() {
            if let v = frame.vars[name] { return v }
            if name == "loop", let info = frame.loop { return .object(TemplateObject(display: "<LoopContext>", fields: info.fields)) }
        }
        return globals[name]
    }

    /// Innermost loop state, for the `loop.x` fast path.
    func loopInfo() -> LoopInfo? {
        for frame in frames.reversed() {
            if frame.vars["loop"] != nil { return nil }
            if let info = frame.loop { return info }
        }
        return nil
    }

    /// All variable names visible now, for did-you-mean.
    func visibleNames() -> [String] {
        var names = Set(globals.keys)
        for frame in frames {
            names.formUnion(frame.vars.keys)
            if frame.loop != nil { names.insert("loop") }
        }
        return names.sorted()
    }

    /// Replaces the value of a variable where it is visible (globals are shadowed at top level).
    mutating func update(_ name: String, _ value: TemplateValue) {
        for i in frames.indices.reversed() where frames[i].vars[name] != nil {
            frames[i].vars[name] = value
            return
        }
        frames[0].vars[name] = value
    }
}
