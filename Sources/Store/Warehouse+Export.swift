import SQLite
import Zstd

/// A file format for `export`.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, ndjson, sqlite
}

extension Warehouse {
    /// Writes table `name` (optionally only days in `range`) to `output` as plain data for other tools.
    ///
    /// The file appears whole or not at all (written to a temporary name, then renamed). An output name
    /// ending in `.zst` is zstd-compressed (csv and ndjson). Returns the number of rows written.
    @discardableResult
    public func export(
        table name: String, format: ExportFormat, to output: String,
        range: ClosedRange<Int64>? = nil
    ) throws -> Int {
        let schema = try schema(named: name)
        let temporary = output + ".partial-\(currentMicros())"
        defer { unlinkIfExists(temporary) }
        var where_ = ""
        if let range {
            let column = quoted(schema.columns[schema.partitionIndex].name)
            where_ =
                " WHERE \(column) BETWEEN '\(CivilDate.string(range.lowerBound))' AND '\(CivilDate.string(range.upperBound))'"
        }
        let names = schema.columns.map { quoted($0.name) }.joined(separator: ", ")
        let select = "SELECT \(names) FROM \(quoted(schema.name))\(where_)"
        var count = 0
        switch format {
        case .sqlite:
            let target = try Database(path: temporary, mode: .create)
            let columns = schema.columns.map {
                "\(quoted($0.name)) \($0.exportType)\($0.isRequired ? " NOT NULL" : "")"
            }
            let key = schema.keyIndices.map { quoted(schema.columns[$0].name) }.joined(separator: ", ")
            try target.execute(
                sql: "CREATE TABLE \(quoted(schema.name)) (\(columns.joined(separator: ", ")), PRIMARY KEY (\(key)))")
            let marks = Array(repeating: "?", count: schema.columns.count).joined(separator: ", ")
            let insert = try target.prepare(sql: "INSERT INTO \(quoted(schema.name)) VALUES (\(marks))")
            try target.transaction {
                try query(sql: select, columns: { _ in }) { values in
                    insert.clear()
                    try insert.bind(values)
                    try insert.step()
                    count += 1
                }
            }
        case .csv, .ndjson:
            var out: [UInt8] = []
            if format == .csv {
                out.append(contentsOf: (schema.columns.map(\.name).joined(separator: ",") + "\n").utf8)
            }
            try query(sql: select, columns: { _ in }) { values in
                count += 1
                if format == .csv {
                    out.append(contentsOf: (values.map(csvText).joined(separator: ",") + "\n").utf8)
                } else {
                    let fields = zip(schema.columns, values).map { column, value in
                        jsonString(column.name) + ":" + jsonText(value, kind: column.kind)
                    }
                    out.append(contentsOf: ("{" + fields.joined(separator: ",") + "}\n").utf8)
                }
            }
            if output.hasSuffix(".zst") { out = try Zstd.compress(out, level: 9) }
            try writeFile(temporary, out)
        }
        guard renameFile(temporary, output) else {
            throw StoreError(.io, "cannot move the export into place at \(output)")
        }
        return count
    }
}

extension StoredColumn {
    /// The column type in an exported SQLite file (readable by any SQLite tool).
    var exportType: String {
        switch kind {
        case .integer: return "INTEGER"
        case .boolean: return "BOOLEAN"
        case .real: return "REAL"
        case .text: return "TEXT"
        case .date: return "DATE"
        case .timestamp: return "TIMESTAMP"
        }
    }
}

private func csvText(_ value: SQLiteValue) -> String {
    switch value {
    case .null: return ""
    case .integer(let i): return String(i)
    case .real(let d): return "\(d)"
    case .text(let s): return csvField(s)
    case .blob: return ""
    }
}

private func jsonText(_ value: SQLiteValue, kind: StoredColumn.Kind) -> String {
    switch value {
    case .null: return "null"
    case .integer(let i): return kind == .boolean ? (i != 0 ? "true" : "false") : String(i)
    case .real(let d): return d.isFinite ? "\(d)" : "null"
    case .text(let s): return jsonString(s)
    case .blob: return "null"
    }
}
