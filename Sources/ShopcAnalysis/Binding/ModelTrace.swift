import ShopcTemplate

/// How one render of a model maps back to its spec: the source map of the rendered text and the
/// macro calls made from it.
struct RenderTrace: Sendable {
    var sourceMap: SourceMap
    var macroCalls: [RecordedMacroCall]
}

/// The traces of a model's full and incremental renders (for the default target).
struct ModelTrace: Sendable {
    var full: RenderTrace
    var incremental: RenderTrace?
}
