import ShopcBase
import ShopcTemplate

/// The artifact templates: the built-in defaults, each overridable by a file of the same name in
/// the project's `templates/` folder.
public struct TemplateSet: Sendable {
    /// Parsed templates by file name.
    let templates: [String: Template]

    /// Parses the defaults and the overrides (name → text, from the project's `templates/`).
    /// Problems in an override are reported at the override's location.
    public init(overrides: [String: String], diagnostics: inout Diagnostics) {
        var parsed: [String: Template] = [:]
        for (name, text) in DefaultTemplates.all {
            let override = overrides[name]
            let origin = TextOrigin(file: override == nil ? "<built-in>/templates/\(name)" : "templates/\(name)", layout: .wholeFile)
            do {
                parsed[name] = try Template.parse(override ?? text, origin: origin)
            } catch {
                diagnostics.emit(error.diagnostic)
            }
        }
        for name in overrides.keys.sorted() where DefaultTemplates.all[name] == nil {
            diagnostics.warning(.unknownKey, "templates/\(name) does not override any built-in template and is ignored",
                                at: SourceLocation(file: "templates/\(name)", line: 1, column: 1),
                                notes: Suggestion.note(for: name, in: DefaultTemplates.all.keys).map { [$0] } ?? [])
        }
        self.templates = parsed
    }

    /// Renders a template with plain values; template errors become diagnostics. The output and
    /// loop limits grow with the values given (`TemplateLimits.scaled`), so a deploy script that
    /// inlines ten thousand model scripts renders, while an overridden template that multiplies
    /// its input is still stopped.
    func render(_ name: String, _ globals: [String: TemplateValue], _ d: inout Diagnostics) -> String? {
        guard let template = templates[name] else { return nil }
        var host = NoFunctions()
        do {
            let renderer = TemplateRenderer(limits: TemplateLimits().scaled(toInput: globals))
            return try renderer.render(template, globals: globals, host: &host).text
        } catch {
            d.emit(error.diagnostic)
            return nil
        }
    }
}

/// Artifact templates call no functions: all they need is in their variables.
struct NoFunctions: TemplateHost {
    func hasFunction(_ name: String) -> Bool { false }
    var functionNames: [String] { [] }
    mutating func call(_ call: TemplateCall) throws(TemplateError) -> TemplateValue { .none }
}
