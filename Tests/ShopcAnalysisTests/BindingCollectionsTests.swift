import XCTest

@testable import ShopcAnalysis

/// The small collections the binder uses instead of dictionaries must behave like dictionaries,
/// below and above the size where they switch to a hash index.
final class BindingCollectionsTests: XCTestCase {
    func testSmallMapMatchesDictionaryAcrossTheIndexThreshold() {
        var map = SmallMap<Int>()
        var reference: [String: Int] = [:]
        // Deterministic pseudo-random inserts, overwrites and removals over 40 keys.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for step in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let key = "col_\(Int(state >> 40) % 40)"
            if step % 7 == 6 {
                map[key] = nil
                reference[key] = nil
            } else {
                map[key] = step
                reference[key] = step
            }
            XCTAssertEqual(map.count, reference.count)
            for probe in 0..<40 { XCTAssertEqual(map["col_\(probe)"], reference["col_\(probe)"], "step \(step), key col_\(probe)") }
        }
        XCTAssertEqual(Set(map.keys), Set(reference.keys))
    }

    func testSmallMapKeepsInsertionOrder() {
        var map: SmallMap<Int> = ["b": 1, "a": 2]
        map["c"] = 3
        map["a"] = 4
        XCTAssertEqual(map.keys, ["b", "a", "c"])
        XCTAssertEqual(map["a"], 4)
    }

    func testLineageSetKeepsTheStrongestKindPerOrigin() {
        func origin(_ i: Int) -> ColumnOrigin { ColumnOrigin(node: .model("m\(i % 3)"), column: "c\(i)") }
        var set = LineageSet()
        var reference: [ColumnOrigin: LineageKind] = [:]
        let kinds: [LineageKind] = [.identity, .derived, .aggregated, .filter, .join]
        for i in 0..<200 {
            let o = origin((i * 37) % 50)
            let k = kinds[(i * 11) % kinds.count]
            var other = LineageSet()
            other.insert(o, k)
            set.merge(other)
            if let current = reference[o], current >= k { continue }
            reference[o] = k
        }
        XCTAssertEqual(set.count, reference.count)
        for (o, k) in reference { XCTAssertEqual(set[o], k) }
        XCTAssertEqual(set.edges, reference.map { LineageEdge(origin: $0.key, kind: $0.value) }.sorted { ($0.origin.description, $0.kind) < ($1.origin.description, $1.kind) })
        XCTAssertEqual(set.promoted(to: .aggregated).edges.map(\.kind).min(), .aggregated)
        XCTAssertTrue(set.removing(node: .model("m0")).edges.allSatisfy { $0.origin.node != .model("m0") })
    }

    func testOriginOrderIsTheOrderOfDescriptions() {
        let names = ["a", "a_b", "a.b", "ab", "a-b", "b", "model", "z9", "A", "_x", "a0"]
        var origins: [ColumnOrigin] = []
        for n in names {
            for c in ["id", "id_2", "x", "ID"] {
                origins.append(ColumnOrigin(node: .model(n), column: c))
                origins.append(ColumnOrigin(node: .source(source: n, table: "t"), column: c))
                origins.append(ColumnOrigin(node: .source(source: "s", table: n), column: c))
            }
        }
        for a in origins {
            for b in origins {
                XCTAssertEqual(a < b, a.description < b.description, "\(a) vs \(b)")
                XCTAssertEqual(a.node < b.node, a.node.description < b.node.description, "\(a.node) vs \(b.node)")
            }
        }
    }
}
