import CYaml
import ShopcBase

/// Builds located `SpecNode`s straight from libyaml's parse events, iteratively (deep input
/// cannot exhaust the stack).
///
/// It does what a YAML composer does (one document per file, aliases resolved to their anchor's
/// node, duplicate keys rejected when their mapping ends) plus shopc's own rules: mapping keys
/// must be scalars, a file may expand to at most `YAMLReader.maxNodes` nodes and nest at most
/// `YAMLReader.maxDepth` levels. Those rules are judged in document order over the expanded tree
/// (an alias counts as its anchor's whole node), keys excluded; the first broken one is reported,
/// but only once the whole document has parsed, because a syntax error anywhere wins over them.
struct YAMLComposer {
    /// What made a file unreadable.
    struct Failure: Error {
        var diagnostic: Diagnostic
    }

    let path: String
    let bytes: UnsafeBufferPointer<UInt8>
    /// Open collections, innermost last.
    private var stack: [Frame] = []
    private var anchors: [String: Built] = [:]
    /// Interned structures of the nodes that may take part in key comparisons (see `Shape`).
    private var shapes: [Shape: Int] = [:]
    /// Nodes visited so far in document order, counting each alias as its anchor's node.
    private var count = 0
    /// The first broken shopc rule, reported when the document parses.
    private var problem: Diagnostic?
    /// Where anchored plain scalars start that were later used as mapping keys (see `alias`).
    private(set) var stringified: Set<SourceLocation> = []
    /// Offsets where `\n`-separated lines start, found as block scalars need them.
    var lineStarts = [0]

    init(path: String, bytes: UnsafeBufferPointer<UInt8>) {
        self.path = path
        self.bytes = bytes
    }

    /// Parses the file: its one document's root node, nil for an empty stream, or the failure.
    mutating func compose() -> Result<SpecNode?, Failure> {
        // No bytes is an empty stream (and libyaml wants a non-null input pointer).
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return .success(nil) }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(Failure(diagnostic: YAMLReader.diagnostic(for: parser, path: path)))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, base, bytes.count)
        do {
            return .success(try composeStream(&parser))
        } catch {
            return .failure(error)
        }
    }

    private mutating func composeStream(_ parser: inout yaml_parser_t) throws(Failure) -> SpecNode? {
        var event = yaml_event_t()
        try next(&parser, &event)  // stream start
        yaml_event_delete(&event)
        try next(&parser, &event)  // document start, or the end of an empty stream
        let first = event.type
        yaml_event_delete(&event)
        guard first != YAML_STREAM_END_EVENT else { return nil }
        var root: Built?
        while root == nil {
            try next(&parser, &event)
            defer { yaml_event_delete(&event) }
            root = try handle(&event)
        }
        try next(&parser, &event)  // document end
        yaml_event_delete(&event)
        try next(&parser, &event)
        let after = event.type
        let afterMark = event.start_mark
        yaml_event_delete(&event)
        guard after == YAML_STREAM_END_EVENT else {
            throw Failure(diagnostic: .error(
                .yamlSyntax, "invalid YAML: but found another document", at: YAMLReader.location(afterMark, path: path),
                notes: [DiagnosticNote("expected a single document in the stream", at: YAMLReader.location(line: 1, column: 1, path: path))]))
        }
        if let problem { throw Failure(diagnostic: problem) }
        guard let node = root?.node else { return nil }
        return stringified.isEmpty ? node : restring(node)
    }

    private func next(_ parser: inout yaml_parser_t, _ event: inout yaml_event_t) throws(Failure) {
        guard yaml_parser_parse(&parser, &event) == 1 else {
            throw Failure(diagnostic: YAMLReader.diagnostic(for: parser, path: path))
        }
    }

    // MARK: Events

    /// Handles one event inside the document; returns the root once it is complete.
    private mutating func handle(_ event: inout yaml_event_t) throws(Failure) -> Built? {
        switch event.type {
        case YAML_SCALAR_EVENT:
            return scalar(&event)
        case YAML_ALIAS_EVENT:
            return try alias(&event)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            open(isMapping: false, at: event.start_mark, anchor: data.anchor, tag: data.implicit != 0 ? nil : data.tag)
            return nil
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            open(isMapping: true, at: event.start_mark, anchor: data.anchor, tag: data.implicit != 0 ? nil : data.tag)
            return nil
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            return attach(try close())
        default:
            // libyaml sends nothing else inside a document; were it to, stop rather than loop.
            throw Failure(diagnostic: .error(.yamlSyntax, "invalid YAML: unexpected end of the document", at: YAMLReader.location(event.start_mark, path: path)))
        }
    }

    /// Where the next node goes.
    private var position: (depth: Int, inKey: Bool, isKey: Bool, tracksShape: Bool) {
        guard !stack.isEmpty else { return (0, false, false, false) }
        let top = stack.count - 1
        let isKey = stack[top].expectsKey
        return (stack[top].depth + 1, stack[top].inKey || isKey, isKey, stack[top].tracksShape)
    }

    private mutating func scalar(_ event: inout yaml_event_t) -> Built? {
        let data = event.data.scalar
        let here = YAMLReader.location(event.start_mark, path: path)
        var value = UnsafeBufferPointer(start: data.value, count: data.value == nil ? 0 : data.length)
        // Yams decoded scalars with Foundation, which drops one leading byte-order mark; keep that.
        if value.count >= 3, value[0] == 0xEF, value[1] == 0xBB, value[2] == 0xBF {
            value = UnsafeBufferPointer(rebasing: value[3...])
        }
        let text = String(decoding: value, as: UTF8.self)
        // Quoted scalars without a tag are strings; a plain one's explicit tag keeps it a string.
        let tag = data.quoted_implicit == 1 ? Shape.stringTag : data.tag.map(Self.string) ?? ""
        let place = position
        let resolved: ScalarNode.Resolved
        let origin: TextOrigin
        switch data.style {
        case YAML_LITERAL_SCALAR_STYLE:
            origin = TextOrigin(file: path, layout: .block(firstLine: here.line + 1, indent: blockIndent(after: here.line)))
            resolved = .string(text)
        case YAML_FOLDED_SCALAR_STYLE:
            origin = TextOrigin(file: path, layout: .opaque(line: here.line + 1, column: blockIndent(after: here.line) + 1))
            resolved = .string(text)
        case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE:
            origin = TextOrigin(file: path, layout: .inline(line: here.line, column: here.column + 1))
            resolved = .string(text)
        default:
            origin = TextOrigin(file: path, layout: .inline(line: here.line, column: here.column))
            // Keys are always strings: a composer resolves a key's tag when it compares keys.
            resolved = !tag.isEmpty || place.isKey ? .string(text) : Self.resolvePlain(text, first: value.first)
        }
        if !place.inKey { visit(here, depth: place.depth) }
        let node = ScalarNode(text: text, resolved: resolved, location: here, origin: origin)
        let resolvedTag = Shape.resolved(tag, default: Shape.stringTag)
        let shape = place.tracksShape || data.anchor != nil ? intern(.scalar(text, tag: resolvedTag)) : -1
        if let anchor = data.anchor {
            anchors[Self.string(anchor)] = Built(node: .scalar(node), size: 1, height: 0, shape: shape, tag: resolvedTag)
        }
        if place.isKey {
            stack[stack.count - 1].addKey(node, tag: resolvedTag, shape: shape)
            return nil
        }
        return attach(Built(node: .scalar(node), size: 1, height: 0, shape: shape, tag: resolvedTag))
    }

    private mutating func alias(_ event: inout yaml_event_t) throws(Failure) -> Built? {
        let name = event.data.alias.anchor.map(Self.string) ?? ""
        guard let anchored = anchors[name] else {
            throw Failure(diagnostic: .error(.yamlSyntax, "invalid YAML: found undefined alias", at: YAMLReader.location(event.start_mark, path: path)))
        }
        let place = position
        guard place.isKey else {
            if !place.inKey { visit(anchored, depth: place.depth) }
            return attach(anchored)
        }
        let top = stack.count - 1
        guard case .scalar(var key) = anchored.node else {
            if !stack[top].inKey { complexKey(at: anchored.node.location) }
            stack[top].addKey(collection: anchored)
            return nil
        }
        if key.resolved != .string(key.text) {
            // Comparing keys resolves the tag that the anchor and its aliases share, so every use
            // of the anchor becomes a string, also those composed already (see `restring`).
            stringified.insert(key.location)
            key.resolved = .string(key.text)
            anchors[name]?.node = .scalar(key)
        }
        stack[top].addKey(key, tag: anchored.tag, shape: anchored.shape)
        return nil
    }

    private mutating func open(isMapping: Bool, at mark: yaml_mark_t, anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?) {
        let here = YAMLReader.location(mark, path: path)
        let place = position
        if place.isKey, !stack[stack.count - 1].inKey { complexKey(at: here) }
        if !place.inKey { visit(here, depth: place.depth) }
        let tagName = Shape.resolved(tag.map(Self.string) ?? "", default: isMapping ? Shape.mappingTag : Shape.sequenceTag)
        stack.append(Frame(
            isMapping: isMapping, location: here, depth: place.depth, inKey: place.inKey, anchor: anchor.map(Self.string),
            tag: tagName, tracksShape: place.tracksShape || place.inKey || anchor != nil))
    }

    private mutating func close() throws(Failure) -> Built {
        let frame = stack.removeLast()
        if frame.isMapping, let duplicate = frame.duplicateKeys() {
            throw Failure(diagnostic: duplicate)
        }
        let node: SpecNode = frame.isMapping
            ? .mapping(MappingNode(entries: frame.entries, location: frame.location))
            : .sequence(SequenceNode(items: frame.items, location: frame.location))
        let shape = frame.tracksShape ? intern(.collection(isMapping: frame.isMapping, tag: frame.tag, children: frame.children)) : -1
        let built = Built(node: node, size: frame.size, height: frame.height, shape: shape, tag: nil)
        if let anchor = frame.anchor { anchors[anchor] = built }
        return built
    }

    /// Adds a finished node to the open collection; returns it when it is the root.
    private mutating func attach(_ built: consuming Built) -> Built? {
        guard !stack.isEmpty else { return built }
        let top = stack.count - 1
        if !stack[top].expectsKey {
            stack[top].addValue(built)
        } else if case .scalar(let key) = built.node {
            stack[top].addKey(key, tag: built.tag, shape: built.shape)
        } else {
            stack[top].addKey(collection: built)
        }
        return nil
    }

    // MARK: shopc's rules

    /// Counts a new node at `depth`, in document order, and checks the limits.
    private mutating func visit(_ location: SourceLocation, depth: Int) {
        count += 1
        if problem == nil, count > YAMLReader.maxNodes || depth > YAMLReader.maxDepth {
            problem = limitProblem(at: location, overCount: count > YAMLReader.maxNodes)
        }
    }

    /// Counts an alias as its anchor's whole node; when that breaks a limit, finds the node of
    /// the expansion where it breaks.
    private mutating func visit(_ built: Built, depth: Int) {
        if problem == nil, count + built.size > YAMLReader.maxNodes || depth + built.height > YAMLReader.maxDepth {
            var walked = count
            if let location = Self.firstOverLimit(built.node, depth: depth, count: &walked) {
                problem = limitProblem(at: location, overCount: walked > YAMLReader.maxNodes)
            }
        }
        count = min(count + built.size, YAMLReader.maxNodes + 1)
    }

    private func limitProblem(at location: SourceLocation, overCount: Bool) -> Diagnostic {
        .error(
            .yamlAlias,
            overCount
                ? "YAML expands to more than \(YAMLReader.maxNodes) nodes (aliases expanding too far?)"
                : "YAML nesting is deeper than shopc accepts (\(YAMLReader.maxDepth) levels)",
            at: location)
    }

    /// Walks `node` in document order from `count`, returning the first node over a limit.
    private static func firstOverLimit(_ node: SpecNode, depth: Int, count: inout Int) -> SourceLocation? {
        count += 1
        if count > YAMLReader.maxNodes || depth > YAMLReader.maxDepth { return node.location }
        switch node {
        case .scalar:
            return nil
        case .mapping(let mapping):
            for entry in mapping.entries {
                if let location = firstOverLimit(entry.value, depth: depth + 1, count: &count) { return location }
            }
        case .sequence(let sequence):
            for item in sequence.items {
                if let location = firstOverLimit(item, depth: depth + 1, count: &count) { return location }
            }
        }
        return nil
    }

    private mutating func complexKey(at location: SourceLocation) {
        if problem == nil {
            problem = .error(.wrongType, "mapping keys must be plain strings", at: location)
        }
    }

    private mutating func intern(_ shape: Shape) -> Int {
        if let id = shapes[shape] { return id }
        let id = shapes.count
        shapes[shape] = id
        return id
    }
}
