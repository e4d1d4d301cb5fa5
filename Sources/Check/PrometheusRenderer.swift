/// Prometheus text exposition (format 0.0.4) for node_exporter's textfile collector: every metric a gauge,
/// grouped by name with its HELP and TYPE lines.
public enum PrometheusRenderer {
    /// The metrics as exposition text, ending in a newline.
    public static func render(_ report: CheckReport) -> String {
        var order: [String] = []
        var byName: [String: [Metric]] = [:]
        for metric in report.metrics {
            if byName[metric.name] == nil { order.append(metric.name) }
            byName[metric.name, default: []].append(metric)
        }
        var out = ""
        for name in order {
            guard let metrics = byName[name], let first = metrics.first else { continue }
            out += "# HELP \(name) \(escapeHelp(first.help))\n# TYPE \(name) gauge\n"
            for metric in metrics {
                out += name
                if !metric.labels.isEmpty {
                    out += "{" + metric.labels.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
                }
                out += " " + NumberFormat.plain(metric.value) + "\n"
            }
        }
        return out
    }

    static func escapeHelp(_ text: String) -> String {
        text.replacingAll("\\", "\\\\").replacingAll("\n", "\\n")
    }

    static func escapeLabel(_ text: String) -> String {
        text.replacingAll("\\", "\\\\").replacingAll("\"", "\\\"").replacingAll("\n", "\\n")
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation).
    func replacingAll(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
