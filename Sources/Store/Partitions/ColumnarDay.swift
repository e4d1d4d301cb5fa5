import Rows

/// One partition's rows held column by column, in the table's sort order: the sealed tier's decoded form,
/// and what the virtual table scans.
public struct ColumnarDay: Sendable {
    /// The values of one column.
    public enum Values: Sendable {
        /// INT64, DATE, TIMESTAMP and BOOL cells (0 where null).
        case ints([Int64])
        /// FLOAT64 cells (0 where null).
        case reals([Double])
        /// STRING cells as indices into a dictionary (`UInt32.max` where null).
        case texts(dictionary: [String], indices: [UInt32])
    }

    /// One column: its values and, when any is null, which.
    public struct Column: Sendable {
        public var values: Values
        public var nulls: [Bool]?

        @inline(__always) func isNull(_ row: Int) -> Bool { nulls?[row] ?? false }
    }

    /// The partition's day number.
    public let day: Int64
    /// Rows in the partition.
    public let rowCount: Int
    /// One entry per table column, in table order.
    public var columns: [Column]

    /// Builds the columns from `rows` of `batch`, in the order given.
    init(day: Int64, batch: RowBatch, rows: [Int], schema: TableSchema) {
        self.day = day
        rowCount = rows.count
        columns = schema.columns.enumerated().map { (c, column) in
            var nulls: [Bool]? = nil
            func markNull(_ i: Int) {
                if nulls == nil { nulls = [Bool](repeating: false, count: rows.count) }
                nulls![i] = true
            }
            switch column.kind {
            case .integer, .date, .timestamp, .boolean:
                var values = [Int64](repeating: 0, count: rows.count)
                for (i, r) in rows.enumerated() {
                    switch batch[r, c] {
                    case .int(let v): values[i] = v
                    case .double(let d): values[i] = Int64(d)
                    default: markNull(i)
                    }
                }
                return Column(values: .ints(values), nulls: nulls)
            case .real:
                var values = [Double](repeating: 0, count: rows.count)
                for (i, r) in rows.enumerated() {
                    switch batch[r, c] {
                    case .double(let d): values[i] = d
                    case .int(let v): values[i] = Double(v)
                    default: markNull(i)
                    }
                }
                return Column(values: .reals(values), nulls: nulls)
            case .text:
                var dictionary: [String] = []
                var lookup: [String: UInt32] = [:]
                var indices = [UInt32](repeating: .max, count: rows.count)
                for (i, r) in rows.enumerated() {
                    guard case .text(let s) = batch[r, c] else {
                        markNull(i)
                        continue
                    }
                    if let index = lookup[s] {
                        indices[i] = index
                    } else {
                        let index = UInt32(dictionary.count)
                        dictionary.append(s)
                        lookup[s] = index
                        indices[i] = index
                    }
                }
                return Column(values: .texts(dictionary: dictionary, indices: indices), nulls: nulls)
            }
        }
    }

    init(day: Int64, rowCount: Int, columns: [Column]) {
        self.day = day
        self.rowCount = rowCount
        self.columns = columns
    }

    /// Cell `column` of row `row`.
    public func cell(row: Int, column: Int) -> Cell {
        let data = columns[column]
        if data.isNull(row) { return .null }
        switch data.values {
        case .ints(let v): return .int(v[row])
        case .reals(let v): return .double(v[row])
        case .texts(let dictionary, let indices): return .text(dictionary[Int(indices[row])])
        }
    }

    /// The rows as a batch.
    public func batch() -> RowBatch {
        var batch = RowBatch(width: columns.count, capacity: rowCount)
        for row in 0..<rowCount {
            for column in columns.indices { batch.cells.append(cell(row: row, column: column)) }
        }
        return batch
    }

    /// BigQuery's logical bytes per column (the bytes a query reading the column is billed for): 8 for INT64,
    /// FLOAT64, DATE and TIMESTAMP, 1 for BOOL, 2 plus the UTF-8 length for STRING, 0 for NULL. Columns that
    /// count 0 are left out (like all-NULL columns in the encoding), so adding a column changes nothing.
    public func logicalBytes(schema: TableSchema) -> [String: Int] {
        var result: [String: Int] = [:]
        for (c, column) in schema.columns.enumerated() where c < columns.count {
            let data = columns[c]
            let nonNull = rowCount - (data.nulls?.filter { $0 }.count ?? 0)
            switch data.values {
            case .texts(let dictionary, let indices):
                let lengths = dictionary.map { 2 + $0.utf8.count }
                var total = 0
                for (row, index) in indices.enumerated() where !data.isNull(row) { total += lengths[Int(index)] }
                result[column.name] = total
            default:
                result[column.name] = nonNull * (column.kind == .boolean ? 1 : 8)
            }
        }
        return result.filter { $0.value > 0 }
    }
}
