import Foundation
import Testing

@testable import Domain

@Suite("SVG charts: readable without colour, escaped, no inline style, deterministic")
struct SVGChartTests {
    static let labels = ["Kinh tế", "Văn hóa <xã hội>", "Quốc phòng & an ninh"]

    @Test func barWritesEveryValueAndIsAnAccessibleImage() {
        let svg = SVGChart.bar(
            id: "c1", title: "Đăng ký theo lĩnh vực", desc: "Số đăng ký", labels: Self.labels, values: [12, 3, 1250])
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title id=\"c1-t\">Đăng ký theo lĩnh vực</title>"))
        #expect(svg.contains("<desc id=\"c1-d\">Số đăng ký</desc>"))
        #expect(svg.contains("aria-labelledby=\"c1-t c1-d\""))
        for v in [">12<", ">3<", ">1.250<"] { #expect(svg.contains(v)) }
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-bar\""))
        #expect(svg.components(separatedBy: "<rect ").count == 4, "a bar a label, coloured by the stylesheet")
    }

    @Test func textIsEscapedAndNoStyleAttributeIsWritten() {
        let svg = SVGChart.bar(
            id: "x\"y", title: "<b>", desc: "a & b", labels: Self.labels, values: [1, 2, 3])
        #expect(svg.contains("Văn hóa &lt;xã hội&gt;"))
        #expect(svg.contains("Quốc phòng &amp; an ninh"))
        #expect(svg.contains("&lt;b&gt;"))
        #expect(!svg.contains("<b>"))
        #expect(!svg.contains("x\"y"))
        for chart in [
            svg,
            SVGChart.stackedBar(
                id: "s", title: "t", desc: "d", labels: Self.labels,
                series: [.init(name: "Tập thể", values: [1, 2, 3]), .init(name: "Cá nhân", values: [4, 0, 6])]),
            SVGChart.line(
                id: "l", title: "t", desc: "d", labels: ["2023", "2024", "2025"],
                series: [.init(name: "Đăng ký", values: [5, 8, 2])]),
        ] {
            #expect(!chart.contains("style="))
            #expect(!chart.contains("<script"))
        }
    }

    @Test func stackedBarHasAPatternAndLegendPerSeriesAndTotals() {
        let svg = SVGChart.stackedBar(
            id: "s", title: "Theo đơn vị và loại", desc: "d", labels: ["Xã A", "Xã B"],
            series: [
                .init(name: "Tập thể", values: [10, 0]), .init(name: "Cá nhân", values: [5, 7]),
                .init(name: "Hộ gia đình", values: [0, 1]),
            ])
        for s in 0..<3 { #expect(svg.contains("<pattern id=\"s-p\(s)\"")) }
        // Three patterns differ in texture, not only in colour.
        #expect(svg.contains("<circle cx=\"4\" cy=\"4\""))
        #expect(svg.contains("M-2,2 l4,-4"))
        for name in ["Tập thể", "Cá nhân", "Hộ gia đình"] { #expect(svg.contains(">\(name)</text>")) }
        #expect(svg.contains(">15</text></g>"))
        #expect(svg.contains(">8</text></g>"))
        // Zero segments are not drawn.
        #expect(svg.components(separatedBy: "height=\"18\"").count == 5, "four segments (the legend's are 16 high)")
    }

    @Test func lineHasMarkersValuesAndYears() {
        let svg = SVGChart.line(
            id: "y", title: "Theo năm", desc: "d", labels: ["2023", "2024", "2025"],
            series: [.init(name: "Đăng ký", values: [5, 8, 2]), .init(name: "Đạt", values: [1, 4, 0])])
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.contains("stroke-dasharray"))
        for y in ["2023", "2024", "2025"] { #expect(svg.contains(">\(y)</text>")) }
        #expect(svg.contains("<circle"))
        #expect(svg.contains("<rect x="))
    }

    @Test func emptyChartsSaySoAndOutputIsDeterministic() {
        let a = SVGChart.bar(id: "e", title: "t", desc: "d", labels: [], values: [])
        #expect(a.contains("Chưa có số liệu"))
        #expect(SVGChart.line(id: "e", title: "t", desc: "d", labels: [], series: []).contains("Chưa có số liệu"))
        let b = SVGChart.bar(id: "e", title: "t", desc: "d", labels: [], values: [])
        #expect(a == b)
        let long = String(repeating: "Đơn vị rất dài ", count: 5)
        let svg = SVGChart.bar(id: "l", title: "t", desc: "d", labels: [long], values: [0])
        #expect(svg.contains("…</text>"))
        #expect(svg.contains("<title>\(SVGChart.escape(long))</title>"), "a cut label keeps its full text")
        let uncut = SVGChart.bar(id: "u", title: "t", desc: "d", labels: ["Xã A"], values: [3])
        #expect(uncut.contains("<title id=\"u-t\">") && !uncut.contains("<title>"), "a whole label has no row title")
    }

    @Test func numbersUseVietnameseGrouping() {
        #expect(SVGChart.number(0) == "0")
        #expect(SVGChart.number(999) == "999")
        #expect(SVGChart.number(1000) == "1.000")
        #expect(SVGChart.number(1_234_567) == "1.234.567")
        #expect(SVGChart.number(-12_345) == "-12.345")
    }
}
