/// Charts drawn on the server as inline SVG (issue 16, item 2): bar, stacked bar and line.
///
/// Each chart is readable without colour: every series has its own hatching pattern (stacked bars) or marker shape
/// (lines), values are written on the bars and points, and a legend names each series beside its swatch. The SVG
/// carries `role="img"` with a `<title>` and `<desc>`, and the page shows the same numbers as a table beside it (the
/// accessible source). No `style=` attribute is written (the CSP forbids inline styles): colours are presentation
/// attributes and classes. What repeats on every row of a bar chart (the label's anchor — a row's first text —, the
/// bars' colour, the segments' white edge, the halo of a value written inside a segment) is in the stylesheet's
/// `.chart` rules, not on each element: a dashboard of nine charts carries them hundreds of times (issue 11, page
/// weight). The output depends only on the input, so tests can compare it.
public enum SVGChart {
    /// One named series of values, one per label.
    public struct Series: Sendable, Equatable {
        public let name: String
        public let values: [Int]
        public init(name: String, values: [Int]) {
            self.name = name
            self.values = values
        }
    }

    /// Colours that stay apart for the common colour-vision deficiencies (Okabe–Ito), dark enough for white text.
    static let palette = ["#0b5394", "#b45f06", "#38761d", "#741b47", "#5b5b5b", "#7f6000"]
    static let width = 640
    static let labelWidth = 220
    static let rowHeight = 26
    /// Cut to fit `labelWidth`; the full text stays in the row's <title> (a cut label's only) and in the table.
    static let maxLabel = 28

    // MARK: Bar

    /// Horizontal bars, one per label, each with its value written at its end.
    public static func bar(id: String, title: String, desc: String, labels: [String], values: [Int]) -> String {
        let rows = min(labels.count, values.count)
        let top = 10
        let height = top + max(rows, 1) * rowHeight + 10
        let maxValue = max(values.prefix(rows).max() ?? 0, 1)
        let plot = width - labelWidth - 60
        var out = open(id: id, title: title, desc: desc, height: height, kind: "bar")
        if rows == 0 { out += empty(y: top + 16) }
        for i in 0..<rows {
            let y = top + i * rowHeight
            let w = values[i] * plot / maxValue
            // The value is written at the bar's end; a label cut to fit keeps its full text in the row's title.
            let label = short(labels[i])
            out += "<g class=\"chart-row\">"
            if label != labels[i] { out += "<title>\(escape(labels[i]))</title>" }
            out += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\">\(escape(label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(max(w, 1))\" height=\"18\"/>"
            out += "<text x=\"\(labelWidth + max(w, 1) + 6)\" y=\"\(y + 17)\">"
            out += "\(number(values[i]))</text></g>"
        }
        out += "<line class=\"chart-axis\" x1=\"\(labelWidth)\" y1=\"\(top)\" x2=\"\(labelWidth)\" "
        out += "y2=\"\(height - 10)\" stroke=\"#333333\"/>"
        return out + "</svg>"
    }

    // MARK: Stacked bar

    /// Horizontal bars, one per label, each split into the series; every series has its own hatching and colour,
    /// a legend, and its value written inside the segment when it fits; the total is written at the bar's end.
    public static func stackedBar(id: String, title: String, desc: String, labels: [String], series: [Series])
        -> String
    {
        let rows = labels.count
        let legendHeight = 24 * ((series.count + 2) / 3)
        let top = 10 + legendHeight
        let height = top + max(rows, 1) * rowHeight + 10
        let totals = (0..<rows).map { i in series.reduce(0) { $0 + value($1.values, i) } }
        let maxValue = max(totals.max() ?? 0, 1)
        let plot = width - labelWidth - 60
        var out = open(id: id, title: title, desc: desc, height: height, kind: "stacked")
        out += "<defs>"
        for (s, _) in series.enumerated() { out += pattern(id: id, index: s) }
        out += "</defs>"
        for (s, item) in series.enumerated() {
            let x = 10 + (s % 3) * 210
            let y = 8 + (s / 3) * 24
            out += "<g class=\"chart-legend\"><rect x=\"\(x)\" y=\"\(y)\" width=\"16\" height=\"16\" "
            out += "fill=\"url(#\(escape(id))-p\(s))\" stroke=\"#333333\"/>"
            out += "<text x=\"\(x + 22)\" y=\"\(y + 13)\">\(escape(short(item.name, max: 28)))</text></g>"
        }
        if rows == 0 { out += empty(y: top + 16) }
        for i in 0..<rows {
            let y = top + i * rowHeight
            let parts = series.map { "\($0.name) \(number(value($0.values, i)))" }.joined(separator: ", ")
            out += "<g class=\"chart-row\"><title>\(escape(labels[i])): \(escape(parts))</title>"
            out += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\">\(escape(short(labels[i])))</text>"
            var x = labelWidth
            for (s, item) in series.enumerated() {
                let v = value(item.values, i)
                guard v > 0 else { continue }
                let w = max(v * plot / maxValue, 1)
                out += "<rect x=\"\(x)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"18\" "
                out += "fill=\"url(#\(escape(id))-p\(s))\"/>"
                if w >= 10 * number(v).count + 6 {
                    out += "<text class=\"chart-inside\" x=\"\(x + w / 2)\" y=\"\(y + 17)\">"
                    out += "\(number(v))</text>"
                }
                x += w
            }
            out += "<text x=\"\(x + 6)\" y=\"\(y + 17)\">\(number(totals[i]))</text></g>"
        }
        out += "<line class=\"chart-axis\" x1=\"\(labelWidth)\" y1=\"\(top)\" x2=\"\(labelWidth)\" "
        out += "y2=\"\(height - 10)\" stroke=\"#333333\"/>"
        return out + "</svg>"
    }

    // MARK: Line

    /// One line per series over the labels (years), each with its own marker shape, a value above every point and
    /// the series' name at the end of its line.
    public static func line(id: String, title: String, desc: String, labels: [String], series: [Series]) -> String {
        let height = 260
        let left = 50
        let right = width - 150
        let top = 30
        let bottom = height - 40
        let all = series.flatMap(\.values)
        let maxValue = max(all.max() ?? 0, 1)
        let n = labels.count
        func px(_ i: Int) -> Int { n <= 1 ? (left + right) / 2 : left + i * (right - left) / (n - 1) }
        func py(_ v: Int) -> Int { bottom - v * (bottom - top) / maxValue }
        var out = open(id: id, title: title, desc: desc, height: height, kind: "line")
        out += "<line class=\"chart-axis\" x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(right)\" y2=\"\(bottom)\" "
        out += "stroke=\"#333333\"/>"
        out += "<line class=\"chart-axis\" x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(bottom)\" "
        out += "stroke=\"#333333\"/>"
        out += "<text class=\"chart-tick\" x=\"\(left - 6)\" y=\"\(bottom + 4)\" text-anchor=\"end\">0</text>"
        out += "<text class=\"chart-tick\" x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\">"
        out += "\(number(maxValue))</text>"
        for (i, label) in labels.enumerated() {
            out += "<text class=\"chart-tick\" x=\"\(px(i))\" y=\"\(bottom + 20)\" text-anchor=\"middle\">"
            out += "\(escape(short(label, max: 12)))</text>"
        }
        if n == 0 || series.isEmpty { out += empty(y: (top + bottom) / 2) }
        for (s, item) in series.enumerated() {
            let colour = palette[s % palette.count]
            let points = (0..<n).map { "\(px($0)),\(py(value(item.values, $0)))" }.joined(separator: " ")
            out += "<g class=\"chart-series\"><title>\(escape(item.name))</title>"
            if n > 1 {
                out += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\""
                out += s % 2 == 1 ? " stroke-dasharray=\"6 4\"/>" : "/>"
            }
            for i in 0..<n {
                let v = value(item.values, i)
                out += marker(shape: s, x: px(i), y: py(v), colour: colour)
                out += "<text class=\"chart-value\" x=\"\(px(i))\" y=\"\(py(v) - 9 - s * 12)\" text-anchor=\"middle\">"
                out += "\(number(v))</text>"
            }
            if n > 0 {
                let last = value(item.values, n - 1)
                out += "<text class=\"chart-label\" x=\"\(px(n - 1) + 12)\" y=\"\(py(last) + 4 + s * 14)\">"
                out += "\(escape(short(item.name, max: 18)))</text>"
            }
            out += "</g>"
        }
        return out + "</svg>"
    }

    // MARK: Pieces

    /// Text for XML: the five characters that could end a text node or an attribute.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A count in the Vietnamese way: groups of three digits separated by dots (1.234).
    public static func number(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func short(_ s: String, max: Int = maxLabel) -> String {
        s.count <= max ? s : String(s.prefix(max - 1)) + "…"
    }

    static func value(_ values: [Int], _ i: Int) -> Int { i < values.count ? Swift.max(values[i], 0) : 0 }

    static func open(id: String, title: String, desc: String, height: Int, kind: String) -> String {
        let i = escape(id)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-\(kind)\" role=\"img\" "
            + "viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "preserveAspectRatio=\"xMinYMin meet\" aria-labelledby=\"\(i)-t \(i)-d\" font-family=\"sans-serif\" "
            + "font-size=\"13\"><title id=\"\(i)-t\">\(escape(title))</title><desc id=\"\(i)-d\">\(escape(desc))</desc>"
    }

    static func empty(y: Int) -> String {
        "<text class=\"chart-empty\" x=\"\(width / 2)\" y=\"\(y)\" text-anchor=\"middle\">Chưa có số liệu</text>"
    }

    /// Series `index`'s fill: its colour with its own texture (solid, diagonal, dots, cross, vertical, horizontal).
    static func pattern(id: String, index: Int) -> String {
        let colour = palette[index % palette.count]
        var out = "<pattern id=\"\(escape(id))-p\(index)\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\">"
        out += "<rect width=\"8\" height=\"8\" fill=\"\(colour)\"/>"
        switch index % 6 {
        case 1: out += "<path d=\"M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4\" stroke=\"#ffffff\" stroke-width=\"2\"/>"
        case 2: out += "<circle cx=\"4\" cy=\"4\" r=\"1.8\" fill=\"#ffffff\"/>"
        case 3: out += "<path d=\"M0,0 l8,8 M8,0 l-8,8\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"
        case 4: out += "<path d=\"M4,0 v8\" stroke=\"#ffffff\" stroke-width=\"2\"/>"
        case 5: out += "<path d=\"M0,4 h8\" stroke=\"#ffffff\" stroke-width=\"2\"/>"
        default: break
        }
        return out + "</pattern>"
    }

    /// Series `shape`'s marker: circle, square, triangle, diamond.
    static func marker(shape: Int, x: Int, y: Int, colour: String) -> String {
        switch shape % 4 {
        case 1: return "<rect x=\"\(x - 4)\" y=\"\(y - 4)\" width=\"8\" height=\"8\" fill=\"\(colour)\"/>"
        case 2: return "<path d=\"M\(x),\(y - 5) L\(x + 5),\(y + 4) L\(x - 5),\(y + 4) Z\" fill=\"\(colour)\"/>"
        case 3: return "<path d=\"M\(x),\(y - 5) L\(x + 5),\(y) L\(x),\(y + 5) L\(x - 5),\(y) Z\" fill=\"\(colour)\"/>"
        default: return "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"4\" fill=\"\(colour)\"/>"
        }
    }
}
