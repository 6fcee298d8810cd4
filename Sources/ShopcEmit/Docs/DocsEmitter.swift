import ShopcAnalysis

/// Emits the documentation into `docs/`: the self-contained HTML catalog (`index.html`), the
/// Markdown index (`README.md`) and one Markdown page per model (`models/<model>.md`). A pure
/// function of the analysed project.
public struct DocsEmitter {
    let project: AnalysedProject

    /// Creates an emitter.
    public init(project: AnalysedProject) {
        self.project = project
    }

    /// Adds every documentation file under `docs/`.
    public func emit(into artifacts: inout ArtifactSet) {
        let catalog = DocsCatalog(project: project)
        let layout = GraphLayout.layout(
            nodes: catalog.nodes.map(\.key), edges: catalog.edges.map { (from: $0.from.description, to: $0.to.description) })
        let rows = DocsCatalog.schemaRows(project)
        let customs = DocsCatalog.customSchemas(project)
        artifacts.add("docs/index.html", DocsHTML(catalog: catalog, layout: layout, schemaRows: rows, customSchemas: customs).render())
        let markdown = DocsMarkdown(catalog: catalog, schemaRows: rows, customSchemas: customs)
        artifacts.add("docs/README.md", markdown.index())
        for node in catalog.models { artifacts.add("docs/models/\(node.name).md", markdown.page(node)) }
    }
}
