import Rows
import Store

/// One self-contained HTML page (inline CSS and SVG, no script, no network): per table a completeness calendar
/// (a cell per settlement period per day, gaps and clock-change days visible) and the daily generation mix, then
/// the findings and the metrics.
public enum HTMLRenderer {
    /// Findings listed in the page (the JSON has them all).
    static let maxFindings = 300
    /// Above this many gap cells a table's gaps are drawn as runs, not cells, to keep the page small.
    static let maxGapCells = 3000

    /// The page.
    public static func render(_ report: CheckReport) -> String {
        var out = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
            <title>bmrs check: \(report.status.name)</title><style>
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}h1 span{padding:0 .4em;border-radius:3px;color:#fff}
            .s-ok{background:#2a7}.s-warning{background:#d90}.s-critical{background:#c33}.s-info{background:#888}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
            td.n{text-align:right}svg{display:block;margin:.3em 0}svg text{font-size:10px;fill:#555}
            rect.ok{fill:#9d9}rect.open{fill:#eee}rect.gap{fill:#d33}rect.partial{fill:#fa3}rect.dst{stroke:#36c;stroke-width:1}
            .legend span{display:inline-block;margin-right:1em}.legend i{display:inline-block;width:10px;height:10px;margin-right:3px}
            </style></head><body>

            """
        out += "<h1>bmrs check <span class=\"s-\(report.status.name)\">\(report.status.name)</span></h1>\n"
        out +=
            "<p>Settlement days \(CivilDate.string(report.start)) to \(CivilDate.string(report.end)), judged at "
            + "\(Timestamp.isoString(report.now)).</p>\n"
        for table in report.tables {
            out += "<h2>\(escape(table.table)): completeness</h2>\n" + calendar(table)
            out += "<h2>\(escape(table.table)): daily generation mix (mean MW)</h2>\n" + mix(table)
        }
        out += findings(report) + metrics(report) + "</body></html>\n"
        return out
    }

    static func calendar(_ table: TableSummary) -> String {
        let count = max(table.days.count, 1)
        let cw = max(2, min(60, 1000 / count))
        let ch = count > 60 ? 3 : 6
        let left = 34
        let top = 14
        let width = left + cw * count + 4
        let height = top + ch * 50 + 18
        var out =
            "<svg class=\"calendar\" data-table=\"\(escape(table.table))\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        for sp in [1, 24, 48] {
            out += "<text x=\"0\" y=\"\(top + (sp - 1) * ch + ch)\">SP\(sp)</text>"
        }
        let gapCells = table.days.reduce(0) { $0 + $1.missing.nonzeroBitCount + $1.partial.nonzeroBitCount }
        let labelEvery = max(1, count / 12)
        for (i, day) in table.days.enumerated() {
            let x = left + i * cw
            let date = CivilDate.string(day.day)
            let dst = day.periods == 48 ? "" : " dst"
            let missing = day.missing.nonzeroBitCount
            let state = day.judged == 0 ? "not yet published" : (missing == 0 ? "complete" : "\(missing) missing")
            if day.judged > 0 {
                out +=
                    "<rect class=\"ok\(dst)\" x=\"\(x)\" y=\"\(top)\" width=\"\(cw)\" height=\"\(day.judged * ch)\">"
                    + "<title>\(date): \(day.periods) periods, \(state)</title></rect>"
            }
            if day.judged < day.periods {
                out +=
                    "<rect class=\"open\(dst)\" x=\"\(x)\" y=\"\(top + day.judged * ch)\" width=\"\(cw)\" "
                    + "height=\"\((day.periods - day.judged) * ch)\"><title>\(date): periods not ended yet</title></rect>"
            }
            if day.periods != 48 {
                out += "<text x=\"\(x)\" y=\"\(top - 3)\">\(day.periods)</text>"
            }
            for (mask, kind) in [(day.missing, "gap"), (day.partial & ~day.missing, "partial")] where mask != 0 {
                let periods = PeriodRanges.periods(mask)
                let runs = gapCells > maxGapCells ? PeriodRanges.runs(periods) : periods.map { $0...$0 }
                for run in runs {
                    let sp = run.count == 1 ? "\(run.lowerBound)" : "\(run.lowerBound)-\(run.upperBound)"
                    let what = kind == "gap" ? "no data" : "some fuel types missing"
                    out +=
                        "<rect class=\"\(kind)\" data-day=\"\(date)\" data-sp=\"\(sp)\" x=\"\(x)\" "
                        + "y=\"\(top + (run.lowerBound - 1) * ch)\" width=\"\(cw)\" height=\"\(run.count * ch)\">"
                        + "<title>\(date) \(PeriodRanges.describe(Array(run), day: day.day)): \(what)</title></rect>"
                }
            }
            if i % labelEvery == 0 {
                out += "<text x=\"\(x)\" y=\"\(height - 4)\">\(date.dropFirst(5))</text>"
            }
        }
        out += "</svg>\n"
        out +=
            "<p class=\"legend\"><span><i style=\"background:#9d9\"></i>data</span>"
            + "<span><i style=\"background:#d33\"></i>gap (no data)</span>"
            + "<span><i style=\"background:#fa3\"></i>some fuel types missing</span>"
            + "<span><i style=\"background:#eee\"></i>not ended yet</span>"
            + "<span><i style=\"border:1px solid #36c\"></i>clock change (46 or 50 periods)</span></p>\n"
        return out
    }

    static func mix(_ table: TableSummary) -> String {
        let count = table.days.count
        guard count > 0, !table.fuelTypes.isEmpty else { return "<p>No data.</p>\n" }
        let totals = table.fuelTypes.indices.map { f in table.days.reduce(0.0) { $0 + max($1.meanGeneration[f], 0) } }
        let order = table.fuelTypes.indices.filter { totals[$0] > 0 }.sorted { totals[$0] > totals[$1] }
        let stackTop = table.days.map { day in order.reduce(0.0) { $0 + max(day.meanGeneration[$1], 0) } }
        let peak = max(stackTop.max() ?? 1, 1)
        let width = max(300, min(1000, count * 8))
        let height = 200
        func x(_ i: Int) -> Int { count == 1 ? width / 2 : i * (width - 1) / (count - 1) }
        func y(_ v: Double) -> Int { height - Int((v / peak * Double(height - 10)).rounded()) }
        var below = [Double](repeating: 0, count: count)
        var out =
            "<svg class=\"mix\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
            + "xmlns=\"http://www.w3.org/2000/svg\">"
        var legend = "<p class=\"legend\">"
        for f in order {
            let above = (0..<count).map { below[$0] + max(table.days[$0].meanGeneration[f], 0) }
            var points = (0..<count).map { "\(x($0)),\(y(above[$0]))" }
            points += (0..<count).reversed().map { "\(x($0)),\(y(below[$0]))" }
            let colour = Self.colour(table.fuelTypes[f])
            out +=
                "<polygon fill=\"\(colour)\" points=\"\(points.joined(separator: " "))\">"
                + "<title>\(escape(table.fuelTypes[f]))</title></polygon>"
            legend += "<span><i style=\"background:\(colour)\"></i>\(escape(table.fuelTypes[f]))</span>"
            below = above
        }
        out += "<text x=\"2\" y=\"10\">\(Int(peak)) MW</text></svg>\n"
        return out + legend + "</p>\n"
    }

    static func colour(_ fuelType: String) -> String {
        let known = [
            "CCGT": "#f28e2b", "NUCLEAR": "#b07aa1", "WIND": "#59a14f", "COAL": "#444", "BIOMASS": "#8c6d31",
            "PS": "#4e79a7", "NPSHYD": "#76b7b2", "OCGT": "#ff9da7", "OIL": "#9c755f", "OTHER": "#bab0ac",
        ]
        if let colour = known[fuelType] { return colour }
        let palette = [
            "#edc948", "#af7aa1", "#86bcb6", "#d37295", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#499894",
        ]
        let hash = fuelType.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF }
        return palette[hash % palette.count]
    }

    static func findings(_ report: CheckReport) -> String {
        var out = "<h2>Findings (\(report.findings.count))</h2>\n"
        guard !report.findings.isEmpty else { return out + "<p>None: the data is healthy.</p>\n" }
        out +=
            "<table class=\"findings\"><tr><th>severity</th><th>check</th><th>table</th><th>finding</th><th>fix</th></tr>"
        for f in report.findings.prefix(maxFindings) {
            out +=
                "<tr><td><span class=\"s-\(f.severity.name)\" style=\"color:#fff;padding:0 3px\">\(f.severity.name)"
                + "</span></td><td>\(f.check.rawValue)</td><td>\(escape(f.table ?? ""))</td>"
                + "<td>\(escape(f.message))</td><td><code>\(escape(f.fix ?? ""))</code></td></tr>"
        }
        out += "</table>\n"
        if report.findings.count > maxFindings {
            out += "<p>\(report.findings.count - maxFindings) more findings: see <code>--format json</code>.</p>\n"
        }
        return out
    }

    static func metrics(_ report: CheckReport) -> String {
        var out = "<h2>Metrics</h2>\n<table class=\"metrics\"><tr><th>metric</th><th>labels</th><th>value</th></tr>"
        for m in report.metrics {
            let labels = m.labels.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
            out +=
                "<tr><td title=\"\(escape(m.help))\">\(m.name)</td><td>\(escape(labels))</td>"
                + "<td class=\"n\">\(NumberFormat.fixed(m.value, 4))</td></tr>"
        }
        return out + "</table>\n"
    }

    /// Text safe inside HTML elements and attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
