import ShopcAnalysis

/// The page of one source table or model in `docs/index.html`: description, properties, schema
/// per target, columns (type, description, tests, masking), upstream and downstream, column
/// lineage, tests with their severities and the compiled SQL of the default target. Written into
/// a `TextBuffer`: there is one per node, ten thousand in a large project.
struct DocsNodePage {
    let catalog: DocsCatalog
    let node: DocsCatalog.Node

    /// The `<section>` element.
    func render() -> String {
        var out = TextBuffer(capacity: 4096 + (node.sql?.utf8.count ?? 0))
        out.add("<section id=\"")
        out.add(node.anchor)
        out.add("\" class=\"page node\" data-kind=\"")
        out.add(node.kind)
        out.add("\" data-name=\"")
        out.add(html: node.name)
        out.add("\" data-node=\"")
        out.add(html: node.key)
        out.add("\">\n<h2>")
        out.add(html: node.kind == "source" ? "\(node.sourceName ?? "").\(node.name)" : node.name)
        out.add(node.kind == "source" ? " <span class=\"badge\">source table</span></h2>\n" : " <span class=\"badge\">model</span></h2>\n")
        if let description = node.description {
            out.add("<p class=\"description\">")
            out.add(html: description.trimmingCharacters())
            out.add("</p>\n")
        }
        properties(&out)
        out.add("<h3>Schema per target</h3>\n<table class=\"relations\">\n<thead><tr><th>target</th><th>relation</th></tr></thead>\n<tbody>\n")
        for r in node.relations {
            out.add("<tr><td>")
            out.add(html: r.target)
            if r.target == catalog.defaultTarget { out.add(" <span class=\"badge\">default</span>") }
            out.add("</td><td><code>")
            out.add(html: r.relation)
            out.add("</code></td></tr>\n")
        }
        out.add("</tbody>\n</table>\n")
        columns(&out)
        lineage(&out)
        tests(&out)
        if let sql = node.sql {
            out.add("<h3>Compiled SQL <span class=\"badge\">")
            out.add(html: catalog.defaultTarget)
            out.add("</span></h3>\n<pre class=\"sql\"><code>")
            out.add(html: sql)
            out.add("</code></pre>\n")
        }
        out.add("</section>\n")
        return out.text
    }

    func properties(_ out: inout TextBuffer) {
        let h = DocsText.html
        var rows: [(String, String)] = []
        if node.kind == "source" {
            rows.append(("source", h(node.sourceName ?? "")))
        } else {
            rows.append(("layer", h(node.layer ?? "—")))
            rows.append(("materialized", h(node.materialized ?? "")))
            if let strategy = node.incrementalStrategy { rows.append(("incremental strategy", h(strategy))) }
            if !node.uniqueKey.isEmpty { rows.append(("unique key", node.uniqueKey.map { "<code>\(h($0))</code>" }.joined(separator: ", "))) }
            if !node.clusterBy.isEmpty { rows.append(("cluster by", node.clusterBy.map { "<code>\(h($0))</code>" }.joined(separator: ", "))) }
        }
        if !node.tags.isEmpty { rows.append(("tags", node.tags.map { "<span class=\"badge\">\(h($0))</span>" }.joined(separator: " "))) }
        if let file = node.file { rows.append(("defined in", "<code>\(h(file))</code>")) }
        let c = node.columns.count
        rows.append(("test coverage", "\(node.testedColumns) / \(c) columns (\(DocsText.percent(node.testedColumns, of: c))), \(DocsText.count(node.tests.count, "test"))"))
        out.add("<dl class=\"props\">\n")
        for (term, value) in rows {
            out.add("<dt>")
            out.add(term)
            out.add("</dt><dd>")
            out.add(value)
            out.add("</dd>\n")
        }
        out.add("</dl>\n")
    }

    func columns(_ out: inout TextBuffer) {
        guard !node.columns.isEmpty else {
            out.add("<h3>Columns</h3>\n<p class=\"muted\">No declared columns.</p>\n")
            return
        }
        out.add("<h3>Columns <span class=\"count\">")
        out.add(node.columns.count)
        out.add("</span></h3>\n<table class=\"columns\">\n")
        out.add("<thead><tr><th>column</th><th>type</th><th>description</th><th>tests</th><th>masking</th></tr></thead>\n<tbody>\n")
        for column in node.columns {
            out.add("<tr data-column=\"")
            out.add(html: column.name)
            out.add("\"><td><code>")
            out.add(html: column.name)
            out.add("</code></td><td>")
            if let type = column.type {
                out.add("<code>")
                out.add(html: type)
                out.add(column.inferred ? "</code> <span class=\"badge\">inferred</span>" : "</code>")
            } else {
                out.add("<span class=\"muted\">—</span>")
            }
            out.add("</td><td>")
            out.add(html: DocsText.oneLine(column.description ?? ""))
            out.add("</td><td>")
            for (index, test) in column.tests.enumerated() {
                if index > 0 { out.add(" ") }
                Self.testBadge(test, into: &out)
            }
            out.add("</td><td>")
            if let masking = column.masking {
                out.add("<code>")
                out.add(html: masking)
                out.add(column.pii ? "</code> <span class=\"badge pii\">PII</span>" : "</code>")
            } else if column.pii {
                out.add("<span class=\"badge pii\">PII</span>")
            }
            out.add("</td></tr>\n")
        }
        out.add("</tbody>\n</table>\n")
    }

    static func testBadge(_ test: DocsCatalog.Test, into out: inout TextBuffer) {
        out.add(test.severity == "warn" ? "<span class=\"badge sev-warn\" title=\"" : "<span class=\"badge sev-error\" title=\"")
        out.add(html: test.name)
        out.add("\">")
        out.add(html: test.kind)
        out.add(" · ")
        out.add(html: test.severity)
        out.add("</span>")
    }

    func link(_ id: NodeID, into out: inout TextBuffer) {
        let found = catalog.node(id)
        out.add("<a href=\"#")
        out.add(found?.anchor ?? DocsText.anchor(id.description))
        out.add("\">")
        out.add(html: found.map { $0.kind == "source" ? "\($0.sourceName ?? "").\($0.name)" : $0.name } ?? id.description)
        out.add("</a>")
    }

    func links(_ ids: [NodeID], into out: inout TextBuffer) {
        if ids.isEmpty { out.add("<span class=\"muted\">none</span>") }
        for (index, id) in ids.enumerated() {
            if index > 0 { out.add(", ") }
            link(id, into: &out)
        }
    }

    func lineage(_ out: inout TextBuffer) {
        out.add("<h3>Lineage</h3>\n<dl class=\"props lineage\">\n<dt>upstream</dt><dd>")
        links(node.upstream, into: &out)
        out.add("</dd>\n<dt>downstream</dt><dd>")
        links(node.downstream, into: &out)
        out.add("</dd>\n</dl>\n")
        guard node.kind == "model" else { return }
        out.add("<h3>Column lineage</h3>\n")
        guard catalog.hasColumnLineage else {
            out.add("<p class=\"muted\">Column-level lineage is shown here once type checking provides it; node-level lineage is above.</p>\n")
            return
        }
        out.add("<table class=\"column-lineage\">\n<thead><tr><th>column</th><th>computed from</th></tr></thead>\n<tbody>\n")
        for column in node.columns {
            out.add("<tr><td><code>")
            out.add(html: column.name)
            out.add("</code></td><td>")
            if column.origins.isEmpty { out.add("<span class=\"muted\">—</span>") }
            for (index, origin) in column.origins.enumerated() {
                if index > 0 { out.add(", ") }
                // The last part of the id: names are identifiers, without dots.
                let name = switch origin.node {
                case .model(let model): model
                case .source(_, let table): table
                }
                out.add("<a href=\"#")
                out.add(DocsText.anchor(origin.node.description))
                out.add("\">")
                out.add(html: name)
                out.add("</a>.<code>")
                out.add(html: origin.column.lowercased())
                out.add("</code>")
            }
            out.add("</td></tr>\n")
        }
        out.add("</tbody>\n</table>\n")
    }

    func tests(_ out: inout TextBuffer) {
        guard !node.tests.isEmpty else {
            out.add("<h3>Tests</h3>\n<p class=\"muted\">No tests.</p>\n")
            return
        }
        out.add("<h3>Tests <span class=\"count\">")
        out.add(node.tests.count)
        out.add("</span></h3>\n<table class=\"tests\">\n")
        out.add("<thead><tr><th>test</th><th>kind</th><th>column</th><th>severity</th></tr></thead>\n<tbody>\n")
        for test in node.tests {
            out.add("<tr><td><code>")
            out.add(html: test.name)
            out.add("</code></td><td>")
            out.add(html: test.kind)
            out.add("</td><td>")
            if let column = test.column {
                out.add("<code>")
                out.add(html: column)
                out.add("</code>")
            } else {
                out.add("<span class=\"muted\">(model)</span>")
            }
            out.add(test.severity == "warn" ? "</td><td><span class=\"badge sev-warn\">" : "</td><td><span class=\"badge sev-error\">")
            out.add(html: test.severity)
            out.add("</span></td></tr>\n")
        }
        out.add("</tbody>\n</table>\n")
    }
}
