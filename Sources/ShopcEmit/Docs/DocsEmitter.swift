import ShopcAnalysis
import ShopcBase

/// Emits the documentation into `docs/`: the self-contained HTML catalog (`index.html`), the
/// Markdown index (`README.md`) and one Markdown page per model (`models/<model>.md`). A pure
/// function of the analysed project.
public struct DocsEmitter: Sendable {
    let project: AnalysedProject

    /// Creates an emitter.
    public init(project: AnalysedProject) {
        self.project = project
    }

    /// One independently rendered piece of the docs.
    enum Piece: Sendable {
        /// The HTML node list.
        case sidebar
        /// The HTML overview (graph layout, coverage, environments).
        case overview
        /// `README.md`.
        case index
        /// The HTML section of `catalog.nodes[i]`.
        case section(Int)
        /// The Markdown page of `catalog.nodes[i]` (a model).
        case page(Int)
    }

    /// Adds every documentation file under `docs/`. The pieces render in parallel, the graph
    /// layout alongside the pages.
    public func emit(into artifacts: inout ArtifactSet) {
        let catalog = DocsCatalog(project: project)
        let rows = DocsCatalog.schemaRows(project)
        let customs = DocsCatalog.customSchemas(project)
        let html = DocsHTML(catalog: catalog, schemaRows: rows, customSchemas: customs)
        let markdown = DocsMarkdown(catalog: catalog, schemaRows: rows, customSchemas: customs)
        let models = catalog.nodes.indices.filter { catalog.nodes[$0].kind == "model" }
        let pieces: [Piece] = [.overview, .sidebar, .index] + catalog.nodes.indices.map { .section($0) } + models.map { .page($0) }
        let texts = Parallel.map(pieces) { piece -> String in
            switch piece {
            case .sidebar: html.sidebar()
            case .overview: html.overview()
            case .index: markdown.index()
            case .section(let i): DocsNodePage(catalog: catalog, node: catalog.nodes[i]).render()
            case .page(let i): markdown.page(catalog.nodes[i])
            }
        }
        let sections = texts[3..<(3 + catalog.nodes.count)]
        artifacts.add("docs/index.html", html.render(sidebar: texts[1], overview: texts[0], pages: Array(sections)))
        artifacts.add("docs/README.md", texts[2])
        for (i, text) in zip(models, texts[(3 + catalog.nodes.count)...]) {
            artifacts.add("docs/models/\(catalog.nodes[i].name).md", text)
        }
    }
}
