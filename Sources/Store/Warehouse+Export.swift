import Rows
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
    /// ending in `.zst` is zstd-compressed (csv and ndjson); any other compression suffix (`.gz`, `.xz`, …)
    /// is refused rather than written uncompressed under a misleading name. Returns the number of rows written.
    @discardableResult
    public func export(
        table name: String, format: ExportFormat, to output: String,
        range: ClosedRange<Int64>? = nil
    ) throws -> Int {
        let compressed = try Self.exportCompression(output, format: format)
        let schema = try schema(named: name)
        let temporary = output + ".partial-\(currentMicros())"
        defer { unlinkIfExists(temporary) }
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
                try query(sql: exportSelect(schema, range: range), columns: { _ in }) { values in
                    insert.clear()
                    try insert.bind(values)
                    try insert.step()
                    count += 1
                }
            }
        case .csv, .ndjson:
            var out: [UInt8]
            (out, count) = try exportText(table: name, format: format, range: range)
            if compressed { out = try Zstd.compress(out, level: 9) }
            try writeFile(temporary, out)
        }
        guard renameFile(temporary, output) else {
            throw StoreError(.io, "cannot move the export into place at \(output)")
        }
        return count
    }

    /// Table `name` (optionally only days in `range`) as uncompressed CSV or NDJSON bytes, for standard output;
    /// and the number of rows.
    public func exportText(
        table name: String, format: ExportFormat, range: ClosedRange<Int64>? = nil
    ) throws -> (bytes: [UInt8], rows: Int) {
        let schema = try schema(named: name)
        guard format != .sqlite else {
            throw StoreError(.usage, "a sqlite export needs a file name: it cannot be written to standard output")
        }
        var out: [UInt8] = []
        var count = 0
        if format == .csv {
            out.append(contentsOf: (schema.columns.map(\.name).joined(separator: ",") + "\n").utf8)
        }
        try query(
            sql: exportSelect(schema, range: range), columns: { _ in },
            row: { values in
                count += 1
                if format == .csv {
                    out.append(contentsOf: (values.map(csvText).joined(separator: ",") + "\n").utf8)
                } else {
                    let fields = zip(schema.columns, values).map { column, value in
                        jsonString(column.name) + ":" + jsonText(value, kind: column.kind)
                    }
                    out.append(contentsOf: ("{" + fields.joined(separator: ",") + "}\n").utf8)
                }
            })
        return (out, count)
    }

    private func exportSelect(_ schema: TableSchema, range: ClosedRange<Int64>?) -> String {
        var filter = ""
        if let range {
            let column = quoted(schema.columns[schema.partitionIndex].name)
            filter =
                " WHERE \(column) BETWEEN '\(CivilDate.string(range.lowerBound))' AND '\(CivilDate.string(range.upperBound))'"
        }
        let names = schema.columns.map { quoted($0.name) }.joined(separator: ", ")
        return "SELECT \(names) FROM \(quoted(schema.name))\(filter)"
    }

    /// Compression suffixes bmrs recognises but does not write.
    static let refusedCompressionSuffixes = [
        ".gz", ".gzip", ".tgz", ".bz2", ".xz", ".lz4", ".lzma", ".zip", ".br", ".7z", ".zstd", ".z",
    ]

    /// True when `output` asks for zstd (`.zst`); a usage error for any other compression suffix, and for a
    /// compressed sqlite export.
    static func exportCompression(_ output: String, format: ExportFormat) throws -> Bool {
        let lower = output.lowercased()
        let suffix = refusedCompressionSuffixes.first(where: { lower.hasSuffix($0) })
        if format == .sqlite, suffix != nil || lower.hasSuffix(".zst") {
            throw StoreError(.usage, "a sqlite export is a plain SQLite file and cannot be compressed", file: output)
        }
        if let suffix {
            throw StoreError(
                .usage,
                "bmrs export compresses only with zstd (name the file ….\(format.rawValue).zst); for \(suffix), "
                    + "write to standard output (--output -) and pipe it through a compressor", file: output)
        }
        return lower.hasSuffix(".zst")
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
