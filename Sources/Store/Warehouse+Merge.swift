import Rows
import SQLite

extension Warehouse {
    /// Merges the rows of one load input (parsed and validated by Formats' `ResponseParser`) into `dataset`'s
    /// table in one transaction, recorded as a `load` run named `source`.
    public func load(_ batch: RowBatch, source: String, dataset: Dataset) throws -> LoadSummary {
        let schema = try schema(named: dataset.table)
        return try write(source: source) { transaction in
            let run = try transaction.beginRun(.load, dataset: dataset.name, table: schema.name, source: source)
            let summary = try transaction.merge(batch, into: schema, run: run)
            try transaction.finishRun(run, summary: summary, status: .ok)
            return summary
        }
    }
}

extension PartitionStore {

    /// Merges validated rows into `schema`'s table under the dedup rule (see `WriteTransaction.merge`); call
    /// inside a transaction.
    func merge(
        _ batch: RowBatch, into schema: TableSchema, runID: Int64,
        replacingDays: ClosedRange<Int64>? = nil
    ) throws -> LoadSummary {
        precondition(connection.database.isInTransaction, "merge runs inside the caller's transaction")
        var summary = LoadSummary()
        summary.rowsRead = batch.count
        let writer = try PartitionWriter(store: self, schema: schema, runID: runID, seenAt: connection.now())
        let order = SortKeys(batch: batch, schema: schema)
        for (day, rows) in order.rowsByDay() {
            let replace = replacingDays?.contains(day) ?? false
            if try writer.merge(day: day, rows: rows, from: batch, replacing: replace, summary: &summary) {
                summary.changedDays.append(day)
            }
        }
        return summary
    }
}

/// Per-row sort keys as integers (day, sort columns, version columns), so sorting never compares strings.
struct SortKeys {
    let stride: Int
    var keys: [Int64]
    let batch: RowBatch
    let schema: TableSchema

    init(batch: RowBatch, schema: TableSchema) {
        self.batch = batch
        self.schema = schema
        let columns = [schema.partitionIndex] + schema.sortIndices + schema.versionIndices
        stride = columns.count
        keys = [Int64](repeating: 0, count: batch.count * columns.count)
        for (k, column) in columns.enumerated() {
            var ranks: [String: Int64] = [:]
            if schema.columns[column].kind == .text {
                var distinct = Set<String>()
                for row in 0..<batch.count { if case .text(let s) = batch[row, column] { distinct.insert(s) } }
                for (rank, s) in distinct.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
                    .enumerated()
                { ranks[s] = Int64(rank) }
            }
            for row in 0..<batch.count {
                let value: Int64
                switch batch[row, column] {
                case .null: value = .min
                case .int(let v): value = v
                case .double(let d):
                    let bits = Int64(bitPattern: d.bitPattern)
                    value = bits < 0 ? ~bits | Int64.min : bits  // order-preserving
                case .text(let s): value = ranks[s] ?? 0
                }
                keys[row * stride + k] = value
            }
        }
    }

    /// Row indices grouped by day (ascending), each group sorted by sort columns then versions (stable).
    func rowsByDay() -> [(Int64, [Int])] {
        var groups: [Int64: [Int]] = [:]
        for row in 0..<batch.count { groups[keys[row * stride], default: []].append(row) }
        return groups.keys.sorted().map { day in
            let rows = groups[day]!.sorted { a, b in
                for k in 1..<stride {
                    let x = keys[a * stride + k]
                    let y = keys[b * stride + k]
                    if x != y { return x < y }
                }
                return a < b
            }
            return (day, rows)
        }
    }
}
