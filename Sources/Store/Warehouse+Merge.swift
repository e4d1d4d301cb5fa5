import Rows
import SQLite

extension Warehouse {
    /// Merges the rows of one load input (parsed and validated by Formats' `ResponseParser`) into `dataset`'s
    /// table in one transaction, recorded as a `load` run named `source`.
    public func load(_ batch: RowBatch, source: String, dataset: Dataset) throws -> LoadSummary {
        let schema = try schema(named: dataset.table)
        return try explainingDiskFull(source: source) {
            try database.transaction {
                let run = try beginRun(kind: "load", dataset: dataset.name, table: schema.name, source: source)
                let summary = try merge(batch, into: schema, runID: run)
                try finishRun(run, summary: summary, status: .ok)
                return summary
            }
        }
    }

    /// Runs `body`, turning SQLite's "database or disk is full" into an error that says what was kept.
    public func explainingDiskFull<T>(source: String?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError where error.isDiskFull {
            throw StoreError(
                .io,
                "the disk holding \(path) is full; nothing of this input was written and the store "
                    + "is as it was", file: source)
        }
    }

    /// Records the start of a load or ingest run, as `running`; returns its id.
    public func beginRun(kind: String, dataset: String?, table: String?, source: String?) throws -> Int64 {
        let run = try cached(
            """
            INSERT INTO _bmrs_runs(kind, dataset, table_name, source, started_utc, status) VALUES (?, ?, ?, ?, ?, ?)
            """)
        try run.bind([
            .text(kind), dataset.map { .text($0) } ?? .null, table.map { .text($0) } ?? .null,
            source.map { .text($0) } ?? .null, .text(Timestamp.isoString(now())), .text(RunState.running.rawValue),
        ])
        try run.step()
        return try database.scalar(sql: "SELECT last_insert_rowid()")?.integerValue ?? 0
    }

    /// Records the end of a run with its counts.
    public func finishRun(
        _ run: Int64, summary: LoadSummary, status: RunState, error: String? = nil, requests: Int = 0,
        retries: Int = 0, chunksFailed: Int = 0
    ) throws {
        let finish = try cached(
            """
            UPDATE _bmrs_runs SET finished_utc = ?, status = ?, error = ?, rows_read = ?, inserted = ?, revised = ?,
              superseded = ?, duplicates = ?, stale = ?, rejected = ?, requests = ?, retries = ?, chunks_failed = ?
            WHERE run_id = ?
            """)
        try finish.bind([
            .text(Timestamp.isoString(now())), .text(status.rawValue), error.map { .text($0) } ?? .null,
            .integer(Int64(summary.rowsRead)), .integer(Int64(summary.inserted)),
            .integer(Int64(summary.revised)), .integer(Int64(summary.superseded)),
            .integer(Int64(summary.duplicates)), .integer(Int64(summary.stale)),
            .integer(Int64(summary.rejected)), .integer(Int64(requests)), .integer(Int64(retries)),
            .integer(Int64(chunksFailed)), .integer(run),
        ])
        try finish.step()
    }

    /// Merges validated rows into `schema`'s table under the dedup rule; call inside a transaction.
    ///
    /// One row per primary key. Between two versions of a key the later `startTime` wins (a superseding
    /// reading), then the later `publishTime` (a revision, recorded), then the later ingestion; an identical
    /// re-delivery is a duplicate and an older version is stale; both are dropped. With `replacingDays`,
    /// rows of those days whose key the batch does not hold are removed (`bmrs ingest --overwrite`).
    public func merge(
        _ batch: RowBatch, into schema: TableSchema, runID: Int64,
        replacingDays: ClosedRange<Int64>? = nil
    ) throws -> LoadSummary {
        precondition(database.isInTransaction, "merge runs inside the caller's transaction")
        var summary = LoadSummary()
        summary.rowsRead = batch.count
        let writer = try PartitionWriter(warehouse: self, schema: schema, runID: runID, seenAt: now())
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
