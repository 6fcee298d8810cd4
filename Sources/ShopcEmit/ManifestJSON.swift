import ShopcBase

// `manifest.json` written field by field through `StableJSON.Writer`: the bytes `StableJSON.encode`
// gives for the same values (a test compares both), without `Codable`'s boxing, which dominated
// emission for large projects. Members are written in UTF-8 order of their keys, as
// `.sortedKeys` orders them; optional members are left out when nil, as `encodeIfPresent` does.

extension StableJSON.Writer {
    /// A member whose value is written by `value`, left out when `optional` is nil.
    mutating func member<T>(_ key: String, _ optional: T?, _ value: (inout Self, T) -> Void) {
        guard let optional else { return }
        self.key(key)
        value(&self, optional)
    }

    /// A string member, left out when nil.
    mutating func member(_ key: String, _ text: String?) { member(key, text) { $0.string($1) } }

    /// A member holding an array of strings, left out when nil.
    mutating func member(_ key: String, _ strings: [String]?) { member(key, strings) { $0.strings($1) } }

    /// A member holding an object of strings, left out when nil.
    mutating func member(_ key: String, _ strings: [String: String]?) { member(key, strings) { $0.object($1) } }
}

extension ManifestEmitter.Manifest {
    /// The document's text.
    var json: String {
        var w = StableJSON.Writer(capacity: nodes.count * 3_000)
        w.beginObject()
        w.member("default_target", default_target)
        w.member("edges", edges) { w, edges in
            w.beginArray()
            for edge in edges {
                w.element()
                w.strings(edge)
            }
            w.endArray()
        }
        w.member("manifest_version", manifest_version) { $0.int($1) }
        w.member("nodes", nodes) { $0.object(parallel: $1) { $1.write(to: &$0) } }
        w.member("project", project)
        w.member("spec_files", spec_files)
        w.member("targets", targets) { $0.object($1) { $1.write(to: &$0) } }
        w.member("tests", tests) { $0.object($1) { $1.write(to: &$0) } }
        w.endObject()
        return w.finish()
    }
}

extension ManifestEmitter.Node {
    func write(to w: inout StableJSON.Writer) {
        w.beginObject()
        w.member("checksum", checksum)
        w.member("cluster_by", cluster_by)
        w.member("columns", columns) { w, columns in
            w.beginArray()
            for column in columns {
                w.element()
                column.write(to: &w)
            }
            w.endArray()
        }
        w.member("depends_on", depends_on)
        w.member("description", description)
        w.member("incremental_strategy", incremental_strategy)
        w.member("layer", layer)
        w.member("lineage", lineage) { $1.write(to: &$0) }
        w.member("materialized", materialized)
        w.member("name", name)
        w.member("original_file_path", original_file_path)
        w.member("relations", relations)
        w.member("resource_type", resource_type)
        w.member("source_name", source_name)
        w.member("sql_sha256", sql_sha256)
        w.member("tags", tags)
        w.member("unique_id", unique_id)
        w.member("unique_key", unique_key)
        w.endObject()
    }
}

extension ManifestEmitter.Column {
    func write(to w: inout StableJSON.Writer) {
        w.beginObject()
        w.member("description", description)
        w.member("inferred", inferred) { $0.bool($1) }
        w.member("masking", masking)
        w.member("name", name)
        w.member("pii", pii) { $0.bool($1) }
        w.member("type", type)
        w.endObject()
    }
}

extension ManifestLineage {
    func write(to w: inout StableJSON.Writer) {
        w.beginObject()
        w.member("columns", columns) { w, columns in
            w.object(columns) { w, edges in
                w.beginArray()
                for edge in edges {
                    w.element()
                    w.beginObject()
                    w.member("from", edge.from)
                    w.member("kind", edge.kind)
                    w.endObject()
                }
                w.endArray()
            }
        }
        w.member("complete", complete) { $0.bool($1) }
        w.member("filters", filters)
        w.member("joins", joins)
        w.endObject()
    }
}

extension ManifestEmitter.Test {
    func write(to w: inout StableJSON.Writer) {
        w.beginObject()
        w.member("attached_node", attached_node)
        w.member("column", column)
        w.member("depends_on", depends_on)
        w.member("error_if", error_if)
        w.member("severity", severity)
        w.member("sql_sha256", sql_sha256)
        w.member("tags", tags)
        w.member("test", test)
        w.member("unique_id", unique_id)
        w.member("warn_if", warn_if)
        w.endObject()
    }
}

extension ManifestEmitter.Target {
    func write(to w: inout StableJSON.Writer) {
        w.beginObject()
        w.member("database", database)
        w.member("role", role)
        w.member("schema", schema)
        w.member("warehouse", warehouse)
        w.endObject()
    }
}
