import Store

/// Renders a `StoreMakeup` for `bmrs partitions --summary`.
enum StoreMakeupText {
    /// One line per part: bytes, share of the file, and what it holds.
    static func text(_ m: StoreMakeup, path: String) -> String {
        var lines = [
            "store \(path): \(grouped(m.totalBytes)) bytes (\(m.totalBytes / max(m.pageSize, 1)) pages of \(m.pageSize))"
        ]
        let width = StoreMakeup.Part.allCases.map { grouped(m.bytes[$0] ?? 0).count }.max() ?? 0
        for part in StoreMakeup.Part.allCases {
            let bytes = grouped(m.bytes[part] ?? 0)
            let share = NumberText.fixed(m.share(part) * 100, digits: 1) + "%"
            var line =
                "  " + part.rawValue.padding(12) + String(repeating: " ", count: width - bytes.count) + bytes
                + "  " + String(repeating: " ", count: max(0, 6 - share.count)) + share
            switch part {
            case .data: line += "  \(grouped(m.rows)) rows"
            case .revisions:
                line += "  \(grouped(m.revisions)) revisions"
                if let per = m.bytesPerRevision { line += ", \(NumberText.fixed(per, digits: 2)) bytes each" }
            case .archive: line += "  \(grouped(m.responses)) responses, \(grouped(m.bodies)) distinct bodies"
            case .bookkeeping, .free: break
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// The make-up as one JSON object.
    static func json(_ m: StoreMakeup, path: String) -> String {
        let parts = StoreMakeup.Part.allCases.map {
            "\(jsonString($0.rawValue)):{\"bytes\":\(m.bytes[$0] ?? 0),\"share\":\(NumberText.fixed(m.share($0), digits: 4))}"
        }
        let perRevision = m.bytesPerRevision.map { NumberText.fixed($0, digits: 2) } ?? "null"
        return "{\"store\":\(jsonString(path)),\"page_size\":\(m.pageSize),\"total_bytes\":\(m.totalBytes),"
            + "\"parts\":{\(parts.joined(separator: ","))},\"rows\":\(m.rows),\"revisions\":\(m.revisions),"
            + "\"bytes_per_revision\":\(perRevision),\"responses\":\(m.responses),\"bodies\":\(m.bodies)}"
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
