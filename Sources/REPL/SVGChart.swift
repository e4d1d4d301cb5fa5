/// The same chart as a self-contained SVG document (no scripts, fonts or links): axes with ticks and titles,
/// a polyline or bars per series, and a legend.
struct SVGChart {
    let data: ChartData
    let kind: ChartRequest.Kind
    let width = 960
    let height = 480

    /// Hex colours matching the terminal palette.
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#bcbd22", "#9467bd", "#17becf", "#ff7f0e", "#8c564b"]

    func render() -> String {
        let (left, right, top, bottom) = (80.0, 20.0, 40.0, 70.0)
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let bounds = data.bounds
        let scale = ChartScale(bounds.y, ticks: 6, fromZero: kind == .bar)
        let xSpan = bounds.x.upperBound - bounds.x.lowerBound
        func px(_ x: Double) -> Double { left + (xSpan > 0 ? (x - bounds.x.lowerBound) / xSpan : 0.5) * plotWidth }
        func py(_ y: Double) -> Double { top + (1 - scale.fraction(y)) * plotHeight }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">
            <title>\(escape(data.yName)) by \(escape(data.xName))</title>
            <rect width="100%" height="100%" fill="white"/>

            """
        for tick in scale.ticks {
            let y = number(py(tick))
            svg += "<line x1=\"\(number(left))\" y1=\"\(y)\" x2=\"\(number(left + plotWidth))\" y2=\"\(y)\" "
            svg += "stroke=\"#e0e0e0\"/>\n"
            svg += "<text x=\"\(number(left - 6))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">"
            svg += escape(ChartScale.label(tick)) + "</text>\n"
        }
        switch kind {
        case .line:
            for (i, series) in data.series.enumerated() {
                let points = series.points.map { number(px($0.x)) + "," + number(py($0.y)) }.joined(separator: " ")
                svg += "<polyline fill=\"none\" stroke=\"\(color(i))\" stroke-width=\"1.5\" points=\"\(points)\"/>\n"
            }
            for (fraction, anchor) in [(0.0, "start"), (0.5, "middle"), (1.0, "end")] {
                let x = bounds.x.lowerBound + fraction * xSpan
                svg += xLabel(data.xLabel(x), at: px(x), y: top + plotHeight + 18, anchor: anchor)
            }
        case .bar:
            let slots = Array(Set(data.series.flatMap { $0.points.map(\.x) })).sorted()
            let slotWidth = plotWidth / Double(max(1, slots.count))
            let barWidth = slotWidth * 0.8 / Double(data.series.count)
            let index = Dictionary(slots.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            for (s, series) in data.series.enumerated() {
                for point in series.points {
                    let x = left + Double(index[point.x] ?? 0) * slotWidth + slotWidth * 0.1 + Double(s) * barWidth
                    let y0 = py(0)
                    let y1 = py(point.y)
                    svg += "<rect x=\"\(number(x))\" y=\"\(number(min(y0, y1)))\" width=\"\(number(barWidth))\" "
                    svg += "height=\"\(number(abs(y1 - y0)))\" fill=\"\(color(s))\"/>\n"
                }
            }
            let every = max(1, slots.count / 12)
            for (i, slot) in slots.enumerated() where i % every == 0 {
                svg += xLabel(data.xLabel(slot), at: left + (Double(i) + 0.5) * slotWidth, y: top + plotHeight + 18)
            }
        }
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(top))\" x2=\"\(number(left))\" "
        svg += "y2=\"\(number(top + plotHeight))\" stroke=\"black\"/>\n"
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(top + plotHeight))\" x2=\"\(number(left + plotWidth))\" "
        svg += "y2=\"\(number(top + plotHeight))\" stroke=\"black\"/>\n"
        svg +=
            "<text x=\"\(number(left))\" y=\"\(number(top - 14))\" font-weight=\"bold\">\(escape(data.yName))</text>\n"
        svg += "<text x=\"\(number(left + plotWidth))\" y=\"\(number(Double(height) - 30))\" text-anchor=\"end\" "
        svg += "font-weight=\"bold\">\(escape(data.xName))</text>\n"
        var legendX = left
        for (i, series) in data.series.enumerated() where data.series.count > 1 {
            svg += "<rect x=\"\(number(legendX))\" y=\"\(number(Double(height) - 18))\" width=\"10\" height=\"10\" "
            svg += "fill=\"\(color(i))\"/>\n"
            svg +=
                "<text x=\"\(number(legendX + 14))\" y=\"\(number(Double(height) - 9))\">\(escape(series.name))</text>\n"
            legendX += 24 + Double(series.name.count) * 7
        }
        return svg + "</svg>\n"
    }

    private func xLabel(_ text: String, at x: Double, y: Double, anchor: String = "middle") -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\">\(escape(text))</text>\n"
    }

    private func color(_ i: Int) -> String { Self.palette[i % Self.palette.count] }

    /// A coordinate with one decimal.
    private func number(_ value: Double) -> String { Shell.fixed(value) }

    private func escape(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
            .replacing("\"", with: "&quot;")
    }
}
