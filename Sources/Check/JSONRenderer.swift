import Rows
import Store

/// The JSON contract scripts depend on (documented in the README): `status`, `findings`, `metrics`, plus the
/// instant, range and repair windows.
public enum JSONRenderer {
    /// The report as one JSON object, ending in a newline.
    public static func render(_ report: CheckReport) -> String {
        var out = "{\"status\":" + string(report.status.name)
        out += ",\"now\":" + string(Timestamp.isoString(report.now))
        out += ",\"start\":" + string(CivilDate.string(report.start))
        out += ",\"end\":" + string(CivilDate.string(report.end))
        out += ",\"findings\":[" + report.findings.map(finding).joined(separator: ",") + "]"
        out += ",\"metrics\":[" + report.metrics.map(metric).joined(separator: ",") + "]"
        out +=
            ",\"repairWindows\":["
            + report.repairWindows.map { w in
                "{\"dataset\":\(string(w.dataset)),\"table\":\(string(w.table)),"
                    + "\"start\":\(string(CivilDate.string(w.start))),\"end\":\(string(CivilDate.string(w.end)))}"
            }.joined(separator: ",") + "]"
        return out + "}\n"
    }

    static func finding(_ f: Finding) -> String {
        var fields = [
            ("check", string(f.check.rawValue)), ("severity", string(f.severity.name)),
            ("table", f.table.map(string) ?? "null"), ("message", string(f.message)),
        ]
        if let day = f.settlementDate { fields.append(("settlementDate", string(CivilDate.string(day)))) }
        if let expected = f.expectedPeriods {
            fields.append(("expectedPeriods", String(expected)))
            fields.append(("missingPeriods", "[" + f.missingPeriods.map(String.init).joined(separator: ",") + "]"))
        }
        if let fuel = f.fuelType { fields.append(("fuelType", string(fuel))) }
        if let key = f.key {
            fields.append(
                (
                    "key",
                    "{\"settlementDate\":\(string(CivilDate.string(key.settlementDate))),"
                        + "\"settlementPeriod\":\(key.settlementPeriod),\"fuelType\":\(string(key.fuelType))}"
                ))
        }
        if let fix = f.fix { fields.append(("fix", string(fix))) }
        return "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func metric(_ m: Metric) -> String {
        let labels = m.labels.map { string($0.0) + ":" + string($0.1) }.joined(separator: ",")
        let value = m.value.isFinite ? NumberFormat.plain(m.value) : "null"
        return "{\"name\":\(string(m.name)),\"labels\":{\(labels)},\"value\":\(value)}"
    }

    /// A JSON string literal.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
