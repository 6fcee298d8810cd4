import ShopcAnalysis
import ShopcBase
import ShopcSpec

/// libFuzzer entry point: one spec file's bytes through the loader and, when it loads, the
/// analyzer. Any crash, hang (over `-timeout`) or leak is a bug; diagnostics are expected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpec(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    var diagnostics = Diagnostics()
    let loader = SpecLoader(readReferenced: { path in
        path == "specs/model.sql" ? .text("SELECT 1 AS one") : .missing
    })
    let specs = loader.load(files: [(path: "specs/fuzz.yml", bytes: bytes)], diagnostics: &diagnostics)
    _ = ProjectAnalyzer(specs: specs).analyse(&diagnostics)
    // Every diagnostic must render (locations, notes) without trapping.
    _ = DiagnosticRenderer(format: .text).render(diagnostics.sorted)
    return 0
}
