import Rows
import Store

/// The terminal report: one line per finding, worst first, each with the command that fixes it, then a
/// summary line. ANSI colour only when asked (the command line asks on a terminal).
public struct TextRenderer: Sendable {
    /// Whether to colour severities.
    public var colour: Bool

    /// A renderer, coloured or not.
    public init(colour: Bool = false) { self.colour = colour }

    /// The report as text, ending in a newline.
    public func render(_ report: CheckReport) -> String {
        var out = ""
        for finding in report.findings {
            var line = paint(finding.severity.name.uppercased(), finding.severity) + " " + finding.check.rawValue
            if let table = finding.table { line += " " + table }
            line += " " + finding.message
            if let fix = finding.fix { line += " — fix: " + fix }
            out += line + "\n"
        }
        out += summary(report) + "\n"
        return out
    }

    /// `bmrs check: critical (2 critical, 1 warning, 0 info) 2023-05-08..2023-05-14; bmrs_fuelinst 312/336 periods (92.9%)`.
    public func summary(_ report: CheckReport) -> String {
        func count(_ s: Severity) -> Int { report.findings.filter { $0.severity == s }.count }
        let status: Severity = report.status == .ok ? .info : (report.status == .warning ? .warning : .critical)
        var parts: [String] = []
        for table in report.tables {
            let expected = table.days.reduce(0) { $0 + $1.judged }
            let missing = table.days.reduce(0) { $0 + $1.missing.nonzeroBitCount }
            let ratio = expected == 0 ? 1 : Double(expected - missing) / Double(expected)
            parts.append(
                "\(table.table) \(expected - missing)/\(expected) periods (\(NumberFormat.fixed(ratio * 100, 2))%)")
        }
        let head =
            "bmrs check: " + (report.status == .ok ? paint("ok", .info, ok: true) : paint(report.status.name, status))
            + " (\(count(.critical)) critical, \(count(.warning)) warning, \(count(.info)) info) "
            + CivilDate.string(report.start) + ".." + CivilDate.string(report.end)
        return parts.isEmpty ? head : head + "; " + parts.joined(separator: ", ")
    }

    private func paint(_ text: String, _ severity: Severity, ok: Bool = false) -> String {
        guard colour else { return text }
        let code = ok ? "32" : (severity == .critical ? "1;31" : (severity == .warning ? "33" : "2"))
        return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
    }
}
