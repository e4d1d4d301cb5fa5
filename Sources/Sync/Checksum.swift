import BigQueryDDL
import FoundationEssentials

/// The per-day content checksum `--verify` compares (see ``SyncVerifier``).
struct Checksum {
    let definition: TableDefinition
    /// The columns aggregated (all but the partition column, which groups).
    let columns: [ColumnDefinition]

    init(definition: TableDefinition) {
        self.definition = definition
        columns = definition.columns.filter { $0.name != definition.partitionColumn }
    }

    /// `SELECT day, COUNT(*), aggregates… FROM table GROUP BY 1 ORDER BY 1`.
    func sql(table: String) -> String {
        let day = "`\(definition.partitionColumn ?? "settlementDate")`"
        let terms = columns.map { column -> String in
            let name = "`\(column.name)`"
            switch column.type {
            case .int64: return "SUM(\(name))"
            case .string: return "SUM(LENGTH(\(name)))"
            case .timestamp: return "SUM(UNIX_SECONDS(\(name)))"
            case .date: return "SUM(UNIX_DATE(\(name)))"
            case .bool: return "COUNTIF(\(name))"
            default: return "COUNT(\(name))"
            }
        }
        return "SELECT CAST(\(day) AS STRING), COUNT(*), \(terms.joined(separator: ", ")) FROM \(table) "
            + "GROUP BY 1 ORDER BY 1"
    }

    /// `rows=N;column=value;…`.
    func text(_ values: [String]) -> String {
        var parts = ["rows=\(values.first ?? "null")"]
        for (column, value) in zip(columns, values.dropFirst()) { parts.append("\(column.name)=\(value)") }
        return parts.joined(separator: ";")
    }

    /// A remote cell as an integer text (`null` for NULL).
    static func normalized(_ cell: String?) -> String {
        guard let cell else { return "null" }
        if let integer = Int64(cell) { return String(integer) }
        if let number = Double(cell), number.rounded() == number, abs(number) < 9e18 { return String(Int64(number)) }
        return cell
    }

    /// The same aggregates computed from one day's NDJSON rows.
    func aggregate(ndjson: [UInt8]) throws(SyncError) -> [String] {
        var rows: Int64 = 0
        var sums = [Int64?](repeating: nil, count: columns.count)
        var start = 0
        while start < ndjson.count {
            let end = ndjson[start...].firstIndex(of: 10) ?? ndjson.count
            defer { start = end + 1 }
            if end == start { continue }
            let object: [String: DecodedJSON]
            do {
                object = try JSONDecoder().decode([String: DecodedJSON].self, from: Data(ndjson[start..<end]))
            } catch {
                throw SyncError(.store, "a local row is not a JSON object", context: definition.reference.table)
            }
            rows += 1
            for (index, column) in columns.enumerated() {
                guard let term = Self.term(object[column.name] ?? .null, type: column.type) else { continue }
                sums[index] = (sums[index] ?? 0) &+ term
            }
        }
        return [String(rows)]
            + columns.indices.map { index in
                if let sum = sums[index] { return String(sum) }
                // COUNT and COUNTIF are 0, not NULL, over no values.
                return [.int64, .string, .timestamp, .date].contains(columns[index].type) ? "null" : "0"
            }
    }

    /// One row's contribution for a column, nil for NULL.
    static func term(_ value: DecodedJSON, type: BigQueryType) -> Int64? {
        switch (type, value) {
        case (_, .null): return nil
        case (.int64, .integer(let i)): return i
        case (.int64, .string(let s)): return Int64(s)
        case (.string, .string(let s)): return Int64(s.unicodeScalars.count)
        case (.timestamp, .string(let s)): return CivilTime.unixSeconds(s)
        case (.date, .string(let s)): return CivilTime.unixDate(s)
        case (.bool, .bool(let b)): return b ? 1 : 0
        case (.bool, _): return 0
        default: return 1
        }
    }
}
