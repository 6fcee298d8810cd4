import Foundation
import ShopcAnalysis
import ShopcBase

/// Reads the `manifest.json` of an earlier compile (`--state DIR`) into a `ProjectState`.
public enum StateLoader {
    private struct Manifest: Decodable {
        struct Column: Decodable {
            var name: String
            var type: String?
        }
        struct Node: Decodable {
            var resource_type: String
            var name: String
            var checksum: String?
            var columns: [Column]?
            var depends_on: [String]?
        }
        var manifest_version: Int
        var nodes: [String: Node]
    }

    /// Loads `<dir>/manifest.json` (or `dir` itself when it names a file).
    public static func load(_ dir: String) -> Result<ProjectState, Diagnostic> {
        var isDir: ObjCBool = false
        let path = FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && !isDir.boolValue
            ? dir : URL(fileURLWithPath: dir).appendingPathComponent("manifest.json").path
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.error(.stateUnreadable, "--state: cannot read \(path)", at: nil,
                                   notes: [DiagnosticNote("pass the folder that holds an earlier manifest.json, e.g. the generated/ folder of the base branch")]))
        }
        do {
            let manifest = try JSONDecoder().decode(Manifest.self, from: data)
            var models: [String: ProjectState.Model] = [:]
            for node in manifest.nodes.values where node.resource_type == "model" {
                models[node.name] = ProjectState.Model(
                    name: node.name, checksum: node.checksum,
                    columns: (node.columns ?? []).map { ProjectState.Column(name: $0.name, type: $0.type) },
                    dependsOn: (node.depends_on ?? []).compactMap { $0.hasPrefix("model.") ? String($0.dropFirst(6)) : nil })
            }
            return .success(ProjectState(models: models))
        } catch {
            return .failure(.error(.stateUnreadable, "--state: \(path) is not a shopc manifest: \(error.localizedDescription)", at: nil))
        }
    }
}
