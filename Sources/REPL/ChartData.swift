import Rows
import Store

/// What `.chart line|bar X Y [BY SERIES] [--svg FILE]` asks for.
struct ChartRequest: Equatable {
    enum Kind: String { case line, bar }

    var kind: Kind
    var x: String
    var y: String
    var series: String?
    var svgPath: String?

    /// Parses the words after `.chart`.
    init(words: [String]) throws {
        var words = words
        if let flag = words.firstIndex(of: "--svg") {
            guard flag + 1 < words.count else { throw ShellError("--svg needs a file name") }
            svgPath = words[flag + 1]
            words.removeSubrange(flag...(flag + 1))
        }
        let usage = "usage: .chart line|bar X Y [BY SERIES] [--svg FILE]"
        guard words.count == 3 || (words.count == 5 && words[3].uppercased() == "BY"),
            let kind = Kind(rawValue: words[0].lowercased())
        else { throw ShellError(usage) }
        self.kind = kind
        x = words[1]
        y = words[2]
        series = words.count == 5 ? words[4] : nil
    }
}

/// The points of a chart, taken from a result: x as numbers (dates as day numbers, timestamps as seconds, text as
/// category positions), y as numbers, grouped into series in order of first appearance.
struct ChartData {
    /// How the x values are read, and so how they are labelled.
    enum Axis: Equatable {
        case number, date, timestamp
        case category([String])
    }

    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
    }

    let xName: String
    let yName: String
    let axis: Axis
    let series: [Series]
    /// Whether every x is a whole number (labels then are too).
    let wholeX: Bool

    /// The most series a chart draws (one colour each).
    static let maximumSeries = 8

    init(result: CapturedResult, request: ChartRequest) throws {
        func index(_ name: String) throws -> Int {
            guard let i = result.columns.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
                let names = result.columns.map(\.name).joined(separator: ", ")
                throw ShellError("the last result has no column \(name) (columns: \(names))")
            }
            return i
        }
        let xi = try index(request.x)
        let yi = try index(request.y)
        let si = try request.series.map(index)
        let rows = result.rows
        guard !result.isTruncated, rows.count <= CapturedResult.rowLimit else {
            throw ShellError(
                "the last result is too large to chart (over \(CapturedResult.rowLimit) rows or "
                    + "\(CapturedResult.csvByteLimit >> 20) MB); aggregate it before charting")
        }
        let xs = rows.map { $0[xi] }
        let axis = Self.axis(of: xs)
        var categories: [String: Int] = [:]
        var order: [String] = []
        var byName: [String: Int] = [:]
        var series: [Series] = []
        for row in rows {
            guard let y = row[yi].number, y.isFinite else { continue }
            let x: Double
            switch axis {
            case .number: x = row[xi].number ?? .nan
            case .date: x = Double(CivilDate.parse(ValueText.plain(row[xi])) ?? 0)
            case .timestamp: x = Self.seconds(ValueText.plain(row[xi])) ?? .nan
            case .category:
                let key = ValueText.plain(row[xi])
                if categories[key] == nil {
                    categories[key] = order.count
                    order.append(key)
                }
                x = Double(categories[key] ?? 0)
            }
            guard x.isFinite else { continue }
            let name = si.map { row[$0] == .null ? "NULL" : ValueText.plain(row[$0]) } ?? request.y
            if byName[name] == nil {
                guard series.count < Self.maximumSeries else {
                    throw ShellError(
                        "more than \(Self.maximumSeries) series in \(request.series ?? ""); filter some out")
                }
                byName[name] = series.count
                series.append(Series(name: name, points: []))
            }
            series[byName[name] ?? 0].points.append((x, y))
        }
        guard !series.isEmpty else { throw ShellError("no rows with a number in \(request.y) to chart") }
        for i in series.indices { series[i].points.sort { $0.x < $1.x } }
        xName = result.columns[xi].name
        yName = result.columns[yi].name
        self.axis = if case .category = axis { .category(order) } else { axis }
        self.series = series
        wholeX = series.allSatisfy { $0.points.allSatisfy { $0.x == $0.x.rounded() } }
    }

    /// The x axis kind that fits every non-NULL value.
    private static func axis(of values: [QueryValue]) -> Axis {
        let present = values.filter { $0 != .null }
        if present.allSatisfy({ $0.number != nil }) { return .number }
        let texts = present.map(ValueText.plain)
        if texts.allSatisfy({ $0.count == 10 && CivilDate.parse($0) != nil }) { return .date }
        if texts.allSatisfy({ seconds($0) != nil }) { return .timestamp }
        return .category([])
    }

    /// Seconds since 1970 of "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DDTHH:MM:SSZ".
    static func seconds(_ text: String) -> Double? {
        guard text.count >= 19, let day = CivilDate.parse(String(text.prefix(10))) else { return nil }
        let time = Array(text.utf8)[11..<19].split(separator: UInt8(ascii: ":"))
        guard time.count == 3 else { return nil }
        let parts = time.compactMap { Int(String(decoding: $0, as: UTF8.self)) }
        guard parts.count == 3 else { return nil }
        return Double(day) * 86_400 + Double(parts[0] * 3600 + parts[1] * 60 + parts[2])
    }

    /// The smallest and largest x and y over every series.
    var bounds: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let points = series.flatMap(\.points)
        let xs = points.map(\.x)
        let ys = points.map(\.y)
        return ((xs.min() ?? 0)...(xs.max() ?? 1), (ys.min() ?? 0)...(ys.max() ?? 1))
    }

    /// The label of an x position.
    func xLabel(_ x: Double) -> String {
        switch axis {
        case .number: return ChartScale.label(wholeX ? x.rounded() : x)
        case .date: return CivilDate.string(Int64(x.rounded()))
        case .timestamp:
            let day = Int64((x / 86_400).rounded(.down))
            let second = Int(x - Double(day) * 86_400)
            let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
            return CivilDate.string(day) + " " + two(second / 3600) + ":" + two(second / 60 % 60)
        case .category(let names):
            let i = Int(x.rounded())
            return i >= 0 && i < names.count ? names[i] : ""
        }
    }
}
