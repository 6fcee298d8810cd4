import ShopcAnalysis

/// The page of one source table or model in `docs/index.html`: description, properties, schema
/// per target, columns (type, description, tests, masking), upstream and downstream, column
/// lineage, tests with their severities and the compiled SQL of the default target.
struct DocsNodePage {
    let catalog: DocsCatalog
    let node: DocsCatalog.Node

    /// The `<section>` element.
    func render() -> String {
        let h = DocsText.html
        var out = "<section id=\"\(node.anchor)\" class=\"page node\" data-kind=\"\(node.kind)\" data-name=\"\(h(node.name))\" data-node=\"\(h(node.key))\">\n"
        out += "<h2>\(h(node.kind == "source" ? "\(node.sourceName ?? "").\(node.name)" : node.name)) <span class=\"badge\">\(node.kind == "source" ? "source table" : "model")</span></h2>\n"
        if let description = node.description {
            out += "<p class=\"description\">\(h(description.trimmingCharacters()))</p>\n"
        }
        out += properties()
        out += "<h3>Schema per target</h3>\n<table class=\"relations\">\n<thead><tr><th>target</th><th>relation</th></tr></thead>\n<tbody>\n"
        for r in node.relations {
            out += "<tr><td>\(h(r.target))\(r.target == catalog.defaultTarget ? " <span class=\"badge\">default</span>" : "")</td><td><code>\(h(r.relation))</code></td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += columns()
        out += lineage()
        out += tests()
        if let sql = node.sql {
            out += "<h3>Compiled SQL <span class=\"badge\">\(h(catalog.defaultTarget))</span></h3>\n<pre class=\"sql\"><code>\(h(sql))</code></pre>\n"
        }
        out += "</section>\n"
        return out
    }

    func properties() -> String {
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
        return "<dl class=\"props\">\n" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>\n" }.joined() + "</dl>\n"
    }

    func columns() -> String {
        let h = DocsText.html
        guard !node.columns.isEmpty else { return "<h3>Columns</h3>\n<p class=\"muted\">No declared columns.</p>\n" }
        var out = "<h3>Columns <span class=\"count\">\(node.columns.count)</span></h3>\n<table class=\"columns\">\n"
        out += "<thead><tr><th>column</th><th>type</th><th>description</th><th>tests</th><th>masking</th></tr></thead>\n<tbody>\n"
        for column in node.columns {
            let type = column.type.map { "<code>\(h($0))</code>" + (column.inferred ? " <span class=\"badge\">inferred</span>" : "") } ?? "<span class=\"muted\">—</span>"
            let tests = column.tests.map(Self.testBadge).joined(separator: " ")
            var masking = column.masking.map { "<code>\(h($0))</code>" } ?? ""
            if column.pii { masking += (masking.isEmpty ? "" : " ") + "<span class=\"badge pii\">PII</span>" }
            out += "<tr data-column=\"\(h(column.name))\"><td><code>\(h(column.name))</code></td><td>\(type)</td>"
            out += "<td>\(h(DocsText.oneLine(column.description ?? "")))</td><td>\(tests)</td><td>\(masking)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    static func testBadge(_ test: DocsCatalog.Test) -> String {
        "<span class=\"badge sev-\(test.severity == "warn" ? "warn" : "error")\" title=\"\(DocsText.html(test.name))\">\(DocsText.html(test.kind)) · \(DocsText.html(test.severity))</span>"
    }

    func link(_ id: NodeID) -> String {
        let anchor = DocsText.anchor(id.description)
        let label = catalog.node(id).map { $0.kind == "source" ? "\($0.sourceName ?? "").\($0.name)" : $0.name } ?? id.description
        return "<a href=\"#\(anchor)\">\(DocsText.html(label))</a>"
    }

    func lineage() -> String {
        var out = "<h3>Lineage</h3>\n<dl class=\"props lineage\">\n"
        out += "<dt>upstream</dt><dd>" + (node.upstream.isEmpty ? "<span class=\"muted\">none</span>" : node.upstream.map(link).joined(separator: ", ")) + "</dd>\n"
        out += "<dt>downstream</dt><dd>" + (node.downstream.isEmpty ? "<span class=\"muted\">none</span>" : node.downstream.map(link).joined(separator: ", ")) + "</dd>\n"
        out += "</dl>\n"
        guard node.kind == "model" else { return out }
        out += "<h3>Column lineage</h3>\n"
        guard catalog.hasColumnLineage else {
            out += "<p class=\"muted\">Column-level lineage is shown here once type checking provides it; node-level lineage is above.</p>\n"
            return out
        }
        out += "<table class=\"column-lineage\">\n<thead><tr><th>column</th><th>computed from</th></tr></thead>\n<tbody>\n"
        for column in node.columns {
            let from = column.origins.map { origin in
                "<a href=\"#\(DocsText.anchor(origin.node.description))\">\(DocsText.html(origin.node.description.split(separator: ".").last.map(String.init) ?? ""))</a>.<code>\(DocsText.html(origin.column.lowercased()))</code>"
            }
            out += "<tr><td><code>\(DocsText.html(column.name))</code></td><td>\(from.isEmpty ? "<span class=\"muted\">—</span>" : from.joined(separator: ", "))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    func tests() -> String {
        guard !node.tests.isEmpty else { return "<h3>Tests</h3>\n<p class=\"muted\">No tests.</p>\n" }
        var out = "<h3>Tests <span class=\"count\">\(node.tests.count)</span></h3>\n<table class=\"tests\">\n"
        out += "<thead><tr><th>test</th><th>kind</th><th>column</th><th>severity</th></tr></thead>\n<tbody>\n"
        for test in node.tests {
            out += "<tr><td><code>\(DocsText.html(test.name))</code></td><td>\(DocsText.html(test.kind))</td>"
            out += "<td>\(test.column.map { "<code>\(DocsText.html($0))</code>" } ?? "<span class=\"muted\">(model)</span>")</td>"
            out += "<td><span class=\"badge sev-\(test.severity == "warn" ? "warn" : "error")\">\(DocsText.html(test.severity))</span></td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }
}
