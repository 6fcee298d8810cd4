import OrderedCollections
import ShopcBase
import ShopcSpec

/// Layer rules: a model's layer must be declared, and it may read only the layers its rule lists
/// (`sources` stands for source tables).
enum LayerRules {
    static func checkDeclared(project: ProjectSpec, models: [ModelSpec], _ d: inout Diagnostics) {
        let declared = project.layers.map(\.name.value)
        for layer in project.layers {
            for read in layer.reads where read.value != "sources" && !declared.contains(read.value) {
                d.error(.unknownLayer, "layer '\(layer.name.value)' reads unknown layer '\(read.value)'", at: read.location,
                        notes: Suggestion.note(for: read.value, in: declared + ["sources"]).map { [$0] } ?? [])
            }
        }
        guard !declared.isEmpty else { return }
        for model in models {
            guard let layer = model.layer else {
                d.error(.missingField, "model '\(model.name.value)' has no 'layer'; the project declares layers \(declared.joined(separator: ", "))", at: model.name.location)
                continue
            }
            if !declared.contains(layer.value) {
                d.error(.unknownLayer, "unknown layer '\(layer.value)' for model '\(model.name.value)'", at: layer.location,
                        notes: Suggestion.note(for: layer.value, in: declared).map { [$0] } ?? [])
            }
        }
    }

    static func checkEdges(project: ProjectSpec, names: NameTable, dependencies: [String: OrderedSet<RecordedRef>], _ d: inout Diagnostics) {
        var rules: [String: (spec: LayerSpec, reads: Set<String>)] = [:]
        for layer in project.layers { rules[layer.name.value] = (layer, Set(layer.reads.map(\.value))) }
        guard !rules.isEmpty else { return }
        let layers = names.layers
        for name in layers.keys.sorted() {
            guard let layer = layers[name], let rule = rules[layer.value] else { continue }
            let allowed = rule.reads
            var reported: Set<NodeID> = []
            for ref in dependencies[name] ?? [] where reported.isEmpty || !reported.contains(ref.node) {
                let readLayer: String
                switch ref.node {
                case .source: readLayer = "sources"
                case .model(let m):
                    guard let l = layers[m]?.value else { continue }
                    readLayer = l
                }
                if !allowed.contains(readLayer) {
                    reported.insert(ref.node)
                    let what = readLayer == "sources" ? "a source table" : "layer '\(readLayer)'"
                    d.error(.layerViolation, "model '\(name)' in layer '\(layer.value)' may not read \(what) ('\(ref.node)')", at: ref.location,
                            notes: [DiagnosticNote("layer '\(layer.value)' reads only: \(rule.spec.reads.map(\.value).joined(separator: ", "))", at: rule.spec.name.location)])
                }
            }
        }
    }
}
