/// Lays a result out as a boxed table that reads well: numbers right, text left, NULL distinct, a type line
/// under the names, fitted to a width by leaving out middle columns (as the DuckDB shell does) and shortening
/// long cells, and a footer with the counts. Pure: the printer hands it the rows it kept.
struct TableLayout {
    let columns: [ResultColumn]
    let head: [[QueryValue]]
    let tail: [[QueryValue]]
    let totalRows: Int
    /// The width to fit, or nil for no limit.
    let width: Int?
    let colour: Bool

    /// The longest a cell is shown before it is cut with `…`.
    static let maximumCellWidth = 40
    private static let null = "NULL"

    /// The table's text, every line ending in a newline.
    func render() -> String {
        let rows = head + tail
        let elidedRows = totalRows > rows.count
        let numeric = columns.indices.map { i in
            ["INT64", "FLOAT64", "NUMERIC", "BIGNUMERIC"].contains(columns[i].type)
                || rows.contains { i < $0.count && $0[i].isNumeric }
        }
        var widths = columns.indices.map { i in
            min(
                Self.maximumCellWidth,
                rows.reduce(max(columns[i].name.count, columns[i].type.count)) { widest, row in
                    max(widest, i < row.count ? cellText(row[i]).count : 0)
                })
        }
        let shown = chooseColumns(&widths)
        var out = ""
        func border(_ left: String, _ middle: String, _ right: String) {
            out +=
                left
                + shown.map { index in String(repeating: "─", count: (index.map { widths[$0] } ?? 1) + 2) }
                .joined(separator: middle) + right + "\n"
        }
        func line(_ cells: [(text: String, right: Bool, style: String?)]) {
            out += "│"
            for (slot, cell) in zip(shown, cells) {
                let width = slot.map { widths[$0] } ?? 1
                let text = Self.fit(cell.text, width)
                let pad = String(repeating: " ", count: max(0, width - text.count))
                let styled = cell.style.map { colour ? $0 + text + "\u{1B}[0m" : text } ?? text
                out += " " + (cell.right ? pad + styled : styled + pad) + " │"
            }
            out += "\n"
        }
        border("┌", "┬", "┐")
        line(shown.map { $0.map { (columns[$0].name, numeric[$0], "\u{1B}[1m") } ?? ("…", false, nil) })
        line(shown.map { $0.map { (columns[$0].type, numeric[$0], "\u{1B}[2m") } ?? ("…", false, nil) })
        border("├", "┼", "┤")
        func dataLine(_ row: [QueryValue]) {
            line(
                shown.map { slot in
                    guard let i = slot else { return ("…", false, nil) }
                    let value = i < row.count ? row[i] : .null
                    if value == .null { return (Self.null, numeric[i], "\u{1B}[2m") }
                    return (cellText(value), numeric[i], nil)
                })
        }
        for row in head { dataLine(row) }
        if elidedRows {
            line(shown.map { slot in ("…", slot.map { numeric[$0] } ?? false, "\u{1B}[2m") })
        }
        for row in tail { dataLine(row) }
        border("└", "┴", "┘")
        out += footer(shownRows: rows.count, shownColumns: shown.compactMap { $0 }.count) + "\n"
        return out
    }

    private func footer(shownRows: Int, shownColumns: Int) -> String {
        var text = ValueText.count(totalRows) + (totalRows == 1 ? " row" : " rows")
        if totalRows > shownRows { text += " (\(ValueText.count(shownRows)) shown)" }
        if shownColumns < columns.count {
            text += " × \(columns.count) columns (\(shownColumns) shown)"
        }
        return colour ? "\u{1B}[2m" + text + "\u{1B}[0m" : text
    }

    /// The columns to show, left to right, nil where the `…` column stands in for those left out; narrows the
    /// widths when even one column is too wide.
    private func chooseColumns(_ widths: inout [Int]) -> [Int?] {
        func total(_ indices: [Int?]) -> Int {
            indices.reduce(1) { $0 + ($1.map { widths[$0] } ?? 1) + 3 }
        }
        let all = columns.indices.map { Optional($0) }
        guard let width, total(all) > width, !columns.isEmpty else { return all }
        var left: [Int] = []
        var right: [Int] = []
        var lo = 0
        var hi = columns.count - 1
        var takeLeft = true
        while lo <= hi {
            let candidate = takeLeft ? lo : hi
            let trial = (takeLeft ? left + [candidate] : left) + [nil] + (takeLeft ? right : [candidate] + right)
            if total(trial.map { $0 }) > width { break }
            if takeLeft {
                left.append(candidate)
                lo += 1
            } else {
                right.insert(candidate, at: 0)
                hi -= 1
            }
            takeLeft.toggle()
        }
        if left.isEmpty {
            left = [0]
            let room = width - total([nil]) - 3
            widths[0] = max(1, min(widths[0], room))
        }
        return left.map { Optional($0) } + [nil] + right.map { Optional($0) }
    }

    private func cellText(_ value: QueryValue) -> String {
        if value == .null { return Self.null }
        var text = ValueText.plain(value)
        if text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
            text = String(text.map { $0 == "\t" ? " " : ($0 == "\n" || $0 == "\r" ? "↵" : $0) })
        }
        return text
    }

    /// `text` cut to `width` characters, ending in `…` when cut.
    static func fit(_ text: String, _ width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }
}
