import Rows

/// Draws a chart in text: line charts in Unicode braille (2×4 dots a character), bar charts in eighth blocks,
/// one ANSI colour per series, a labelled y axis on the left and x labels below, fitted to `width` columns.
/// Pure: returns the text.
struct TerminalChart {
    let data: ChartData
    let kind: ChartRequest.Kind
    let width: Int
    let rows: Int
    let colour: Bool

    /// ANSI colours, one per series.
    static let palette = [34, 31, 32, 33, 35, 36, 91, 94]

    private struct Cell {
        var bits: UInt8 = 0
        var series = -1
        var text: Character?
    }

    func render() throws -> String {
        let bounds = data.bounds
        let scale = ChartScale(bounds.y, ticks: max(2, rows / 4 + 1), fromZero: kind == .bar)
        let labels = scale.ticks.map(ChartScale.label)
        let labelWidth = labels.map(\.count).max() ?? 1
        let plotWidth = width - labelWidth - 2
        guard plotWidth >= 10 else { throw ShellError("the terminal is too narrow for a chart") }
        var grid = [[Cell]](repeating: [Cell](repeating: Cell(), count: plotWidth), count: rows)
        let xLabels: [(position: Int, text: String)]
        switch kind {
        case .line:
            drawLines(&grid, scale: scale, xRange: bounds.x, plotWidth: plotWidth)
            xLabels = spreadLabels(xRange: bounds.x, plotWidth: plotWidth)
        case .bar: xLabels = try drawBars(&grid, scale: scale, plotWidth: plotWidth)
        }
        var out = title(data.yName) + "\n"
        let tickRows = Dictionary(
            scale.ticks.enumerated().map { (rowOf(scale.fraction($1)), labels[$0]) }, uniquingKeysWith: { a, _ in a })
        for (r, line) in grid.enumerated() {
            let label = tickRows[r] ?? ""
            out += String(repeating: " ", count: labelWidth - label.count) + label + " "
            out += tickRows[r] == nil ? "│" : "┤"
            out += render(line) + "\n"
        }
        out += String(repeating: " ", count: labelWidth + 1) + "└" + String(repeating: "─", count: plotWidth) + "\n"
        var axisLine = [Character](repeating: " ", count: width)
        for (position, text) in xLabels {
            let start = max(0, min(width - text.count, labelWidth + 2 + position - text.count / 2))
            for (i, c) in text.enumerated() where start + i < width { axisLine[start + i] = c }
        }
        out += String(axisLine).trimmingWhitespaceAtEnd + "\n"
        out += String(repeating: " ", count: max(0, width - data.xName.count)) + title(data.xName) + "\n"
        if data.series.count > 1 || data.series.first?.name != data.yName {
            out += data.series.enumerated().map { i, s in paint("■", i) + " " + s.name }.joined(separator: "  ") + "\n"
        }
        return out
    }

    /// The grid row (0 at the top) of a fraction of the y range.
    private func rowOf(_ fraction: Double) -> Int {
        max(0, min(rows - 1, Int(((1 - fraction) * Double(rows * 4 - 1)).rounded()) / 4))
    }

    private func drawLines(
        _ grid: inout [[Cell]], scale: ChartScale, xRange: ClosedRange<Double>, plotWidth: Int
    ) {
        let pixelWidth = plotWidth * 2
        let pixelHeight = rows * 4
        let span = xRange.upperBound - xRange.lowerBound
        for (index, series) in data.series.enumerated() {
            var previous: (Int, Int)?
            for point in series.points {
                let fx = span > 0 ? (point.x - xRange.lowerBound) / span : 0.5
                let px = Int((fx * Double(pixelWidth - 1)).rounded())
                let py = Int(((1 - scale.fraction(point.y)) * Double(pixelHeight - 1)).rounded())
                if let (x0, y0) = previous {
                    line(from: (x0, y0), to: (px, py)) { plot(&grid, $0, $1, index) }
                } else {
                    plot(&grid, px, py, index)
                }
                previous = (px, py)
            }
        }
    }

    private func plot(_ grid: inout [[Cell]], _ x: Int, _ y: Int, _ series: Int) {
        guard x >= 0, y >= 0, y / 4 < grid.count, x / 2 < grid[y / 4].count else { return }
        let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        grid[y / 4][x / 2].bits |= bits[x % 2][y % 4]
        grid[y / 4][x / 2].series = series
    }

    /// Bresenham's line from one pixel to another.
    private func line(from a: (Int, Int), to b: (Int, Int), _ body: (Int, Int) -> Void) {
        var (x, y) = a
        let dx = abs(b.0 - x)
        let dy = -abs(b.1 - y)
        let sx = x < b.0 ? 1 : -1
        let sy = y < b.1 ? 1 : -1
        var error = dx + dy
        while true {
            body(x, y)
            if x == b.0 && y == b.1 { return }
            let twice = 2 * error
            if twice >= dy {
                error += dy
                x += sx
            }
            if twice <= dx {
                error += dx
                y += sy
            }
        }
    }

    private func drawBars(_ grid: inout [[Cell]], scale: ChartScale, plotWidth: Int) throws -> [(Int, String)] {
        let slots = Array(Set(data.series.flatMap { $0.points.map(\.x) })).sorted()
        let slotWidth = plotWidth / max(1, slots.count)
        let barWidth = max(1, (slotWidth - (slotWidth > data.series.count ? 1 : 0)) / data.series.count)
        guard slotWidth >= data.series.count else {
            throw ShellError(
                "\(slots.count * data.series.count) bars do not fit \(plotWidth) columns; use a line chart")
        }
        let slotIndex = Dictionary(slots.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let eighths = rows * 8
        let zero = Int((scale.fraction(0) * Double(eighths)).rounded())
        let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        for (s, series) in data.series.enumerated() {
            for point in series.points {
                let top = Int((scale.fraction(point.y) * Double(eighths)).rounded())
                let column = (slotIndex[point.x] ?? 0) * slotWidth + s * barWidth
                for c in column..<min(plotWidth, column + barWidth) {
                    for r in 0..<rows {
                        let bottomOfRow = (rows - 1 - r) * 8
                        let filled: Int
                        if top >= zero {
                            filled = max(0, min(8, top - max(bottomOfRow, zero)))
                            if bottomOfRow + 8 <= zero { continue }
                        } else {
                            filled = bottomOfRow + 8 > top && bottomOfRow < zero ? 8 : 0
                        }
                        if filled > 0 {
                            grid[r][c].text = blocks[filled]
                            grid[r][c].series = s
                        }
                    }
                }
            }
        }
        let names = slots.map(data.xLabel)
        if (names.map(\.count).max() ?? 0) < slotWidth {
            return names.enumerated().map { ($0 * slotWidth + slotWidth / 2, $1) }
        }
        return spreadLabels(xRange: (slots.first ?? 0)...(slots.last ?? 0), plotWidth: plotWidth, slots: slots)
    }

    /// Labels at the left end, the middle and the right end of the x axis.
    private func spreadLabels(xRange: ClosedRange<Double>, plotWidth: Int, slots: [Double]? = nil) -> [(Int, String)] {
        let positions = [0, (plotWidth - 1) / 2, plotWidth - 1]
        return positions.map { position in
            let fraction = Double(position) / Double(max(1, plotWidth - 1))
            if let slots, !slots.isEmpty {
                let i = min(slots.count - 1, Int(fraction * Double(slots.count - 1)))
                return (position, data.xLabel(slots[i]))
            }
            return (position, data.xLabel(xRange.lowerBound + fraction * (xRange.upperBound - xRange.lowerBound)))
        }
    }

    private func render(_ line: [Cell]) -> String {
        var out = ""
        var current = -1
        for cell in line {
            let character: Character =
                cell.text ?? (cell.bits == 0 ? " " : Character(Unicode.Scalar(0x2800 + UInt32(cell.bits)) ?? " "))
            if colour && character != " " && cell.series != current {
                out += "\u{1B}[\(Self.palette[cell.series % Self.palette.count])m"
                current = cell.series
            }
            out.append(character)
        }
        if colour && current >= 0 { out += "\u{1B}[0m" }
        return out.trimmingWhitespaceAtEnd
    }

    private func paint(_ text: String, _ series: Int) -> String {
        colour ? "\u{1B}[\(Self.palette[series % Self.palette.count])m" + text + "\u{1B}[0m" : text
    }

    private func title(_ text: String) -> String { colour ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }
}

extension String {
    /// The string without trailing spaces.
    var trimmingWhitespaceAtEnd: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
