import Check
import Glibc
import Rows
import Store

/// Gathers `CheckFacts` from a store through read-only SQL (SQLite dialect, `Warehouse.query`) over the tables'
/// virtual tables and the bookkeeping tables. Everything `bmrs check` reads from the store is in this file, so
/// moving to another store API changes this file only.
extension CheckFacts {
    /// The facts for `datasets` over the settlement days `start...end`.
    static func gather(from warehouse: Warehouse, datasets: [Dataset], start: Int64, end: Int64) throws -> CheckFacts {
        var facts = CheckFacts()
        for dataset in datasets {
            facts.tables.append(try tableFacts(warehouse, dataset, start: start, end: end))
        }
        facts.runs = try runs(warehouse)
        let recent = Set(
            Dictionary(grouping: facts.runs.filter { $0.kind == "ingest" }, by: { $0.dataset ?? "" }).values
                .flatMap { $0.sorted { $0.id < $1.id }.suffix(CheckConfig(start: 0, end: 0).recentRuns).map(\.id) })
        facts.responses = try responses(warehouse, runs: recent)
        facts.storage = try storage(warehouse)
        return facts
    }

    private static func tableFacts(_ warehouse: Warehouse, _ dataset: Dataset, start: Int64, end: Int64) throws
        -> TableFacts
    {
        var table = TableFacts(table: dataset.table, dataset: dataset.name)
        let name = identifier(dataset.table)
        let from = "'\(CivilDate.string(start))'"
        let to = "'\(CivilDate.string(end))'"
        var held: (first: Int64, last: Int64, rows: Int)?
        try each(
            warehouse,
            """
            SELECT min(p.day), max(p.day), sum(p.row_count) FROM _bmrs_partitions p
            JOIN _bmrs_tables t USING (table_id) WHERE t.name = '\(dataset.table)' AND p.row_count > 0
            """
        ) { row in
            if let first = row.integer(at: 0), let last = row.integer(at: 1) {
                held = (first, last, Int(row.integer(at: 2) ?? 0))
            }
        }
        guard let held else { return table }
        table.lastDay = held.last
        let share = Double(min(end, held.last) - max(start, held.first) + 1) / Double(held.last - held.first + 1)
        table.reserve(Int(Double(min(held.rows, 5_000_000)) * min(max(share, 0), 1)))
        // Rows come day by day and clustered by fuel type: the date is parsed and the fuel type's String made only
        // when the bytes change; the rest is read from SQLite's buffers without copying.
        var lastDate: [UInt8] = []
        var lastDay: Int64 = 0
        var lastFuelBytes: [UInt8] = []
        var lastFuel = ""
        try each(
            warehouse,
            """
            SELECT settlementDate, settlementPeriod, fuelType, generation, startTime
            FROM \(name) WHERE settlementDate BETWEEN \(from) AND \(to)
            """
        ) { row in
            guard row.kind(at: 0) == .text, let period = row.integer(at: 1), row.kind(at: 2) == .text else { return }
            let dated = row.withBytes(at: 0) { bytes -> Bool in
                if Self.same(bytes, lastDate) { return true }
                guard let day = CivilDate.parse(bytes: bytes) else { return false }
                lastDate = Array(bytes)
                lastDay = day
                return true
            }
            guard dated else { return }
            row.withBytes(at: 2) { bytes in
                guard !Self.same(bytes, lastFuelBytes) else { return }
                lastFuelBytes = Array(bytes)
                lastFuel = String(decoding: bytes, as: UTF8.self)
            }
            let started = row.kind(at: 4) == .text ? row.withBytes(at: 4, sqlTimestamp(bytes:)) : nil
            table.append(
                day: lastDay, period: period, fuelType: lastFuel, generation: row.integer(at: 3), startTime: started)
        }
        if held.first >= start && held.last <= end {
            // Every day is in the range: each fuel type's span follows from the rows already read.
            // By fuel index, not by name: a hash of the name per row costs more than the rest of this loop.
            var first = [Int64](repeating: .max, count: table.fuelTypes.count)
            var last = [Int64](repeating: .min, count: table.fuelTypes.count)
            for i in 0..<table.rowCount {
                let fuel = Int(table.fuel[i])
                first[fuel] = min(first[fuel], table.day[i])
                last[fuel] = max(last[fuel], table.day[i])
            }
            for (index, fuel) in table.fuelTypes.enumerated() where first[index] <= last[index] {
                table.fuelSpans[fuel] = FuelSpan(firstDay: first[index], lastDay: last[index])
            }
        } else {
            let outside = "settlementDate < \(from) OR settlementDate > \(to)"
            try each(
                warehouse,
                """
                SELECT fuelType, unixepoch(min(settlementDate)) / 86400, unixepoch(max(settlementDate)) / 86400,
                  min(CASE WHEN \(outside) THEN generation END), max(CASE WHEN \(outside) THEN generation END),
                  count(CASE WHEN \(outside) THEN generation END)
                FROM \(name) GROUP BY fuelType
                """
            ) { row in
                guard let fuel = row.text(at: 0), let first = row.integer(at: 1), let last = row.integer(at: 2)
                else { return }
                table.fuelSpans[fuel] = FuelSpan(
                    firstDay: first, lastDay: last, outsideMin: row.integer(at: 3), outsideMax: row.integer(at: 4),
                    outsideCount: Int(row.integer(at: 5) ?? 0))
            }
        }
        try each(
            warehouse,
            """
            SELECT unixepoch(publishTime), unixepoch(_ingested_utc) FROM \(name)
            WHERE settlementDate >= '\(CivilDate.string(held.last - 2))' ORDER BY publishTime DESC LIMIT 1
            """
        ) { row in
            table.newestPublish = row.integer(at: 0).map { $0 * 1_000_000 }
            table.newestPublishIngested = row.integer(at: 1).map { $0 * 1_000_000 }
        }
        table.revisionsByDay = try revisionsByDay(warehouse, dataset.table, from: from, to: to)
        return table
    }

    /// Revisions recorded per day of the range (the revision store may change form: kept apart and tolerant).
    private static func revisionsByDay(_ warehouse: Warehouse, _ table: String, from: String, to: String) throws
        -> [Int64: Int]
    {
        var result: [Int64: Int] = [:]
        try each(
            warehouse,
            """
            SELECT partition_date, count(*) FROM _bmrs_revisions
            WHERE table_name = '\(table)' AND partition_date BETWEEN \(from) AND \(to) GROUP BY partition_date
            """
        ) { row in
            guard let date = row.text(at: 0), let day = CivilDate.parse(date) else { return }
            result[day, default: 0] += Int(row.integer(at: 1) ?? 0)
        }
        return result
    }

    /// Every run record, with the chunks whose latest record is that run (in a state other than failed).
    private static func runs(_ warehouse: Warehouse) throws -> [RunFacts] {
        var recorded: [Int64: Int] = [:]
        try each(
            warehouse, "SELECT run_id, count(*) FROM _bmrs_chunks WHERE state <> 'failed' GROUP BY run_id"
        ) { row in
            if let id = row.integer(at: 0) { recorded[id] = Int(row.integer(at: 1) ?? 0) }
        }
        var result: [RunFacts] = []
        try each(
            warehouse,
            """
            SELECT run_id, kind, dataset, table_name, unixepoch(started_utc), unixepoch(finished_utc), status,
              rows_read, inserted, revised, superseded, duplicates, stale, requests, retries, chunks_failed
            FROM _bmrs_runs ORDER BY run_id
            """
        ) { row in
            guard let id = row.integer(at: 0), let kind = row.text(at: 1), let status = row.text(at: 6) else {
                return
            }
            var run = RunFacts(
                id: id, kind: kind, dataset: row.text(at: 2), table: row.text(at: 3),
                started: (row.integer(at: 4) ?? 0) * 1_000_000, status: status)
            run.finished = row.integer(at: 5).map { $0 * 1_000_000 }
            run.rowsRead = Int(row.integer(at: 7) ?? 0)
            run.inserted = Int(row.integer(at: 8) ?? 0)
            run.revised = Int(row.integer(at: 9) ?? 0)
            run.superseded = Int(row.integer(at: 10) ?? 0)
            run.duplicates = Int(row.integer(at: 11) ?? 0)
            run.stale = Int(row.integer(at: 12) ?? 0)
            run.requests = Int(row.integer(at: 13) ?? 0)
            run.retries = Int(row.integer(at: 14) ?? 0)
            run.chunksFailed = Int(row.integer(at: 15) ?? 0)
            run.chunksRecorded = recorded[id] ?? 0
            result.append(run)
        }
        return result
    }

    private static func responses(_ warehouse: Warehouse, runs: Set<Int64>) throws -> [ResponseFacts] {
        guard !runs.isEmpty else { return [] }
        var result: [ResponseFacts] = []
        let ids = runs.sorted().map(String.init).joined(separator: ",")
        try each(
            warehouse, "SELECT run_id, dataset, status, seconds FROM _bmrs_responses WHERE run_id IN (\(ids))"
        ) { row in
            guard let id = row.integer(at: 0), let dataset = row.text(at: 1) else { return }
            result.append(
                ResponseFacts(
                    runID: id, dataset: dataset, status: Int(row.integer(at: 2) ?? 0), seconds: row.number(at: 3) ?? 0))
        }
        return result
    }

    private static func storage(_ warehouse: Warehouse) throws -> StorageFacts {
        var storage = StorageFacts(fileBytes: fileSize(warehouse.path), walBytes: fileSize(warehouse.path + "-wal"))
        var pageSize = 0
        try each(warehouse, "PRAGMA page_size") { pageSize = Int($0.integer(at: 0) ?? 0) }
        try each(warehouse, "PRAGMA freelist_count") { storage.freeBytes = Int($0.integer(at: 0) ?? 0) * pageSize }
        try each(warehouse, "SELECT sum(row_count), sum(raw_bytes) FROM _bmrs_partitions") { row in
            storage.rows = Int(row.integer(at: 0) ?? 0)
            storage.rawBytes = Int(row.integer(at: 1) ?? 0)
        }
        // dbstat is optional in SQLite builds: without it the make-up is unknown, not an error.
        try? each(warehouse, "SELECT name, pgsize FROM dbstat WHERE aggregate = TRUE") { row in
            if let name = row.text(at: 0) { storage.objectBytes[name, default: 0] += Int(row.integer(at: 1) ?? 0) }
        }
        return storage
    }

    private static func each(
        _ warehouse: Warehouse, _ sql: String, _ body: (borrowing ResultRow) throws -> Void
    ) throws {
        try warehouse.query(sql: sql, columns: { _ in }, row: body)
    }

    /// A table name as an SQL identifier (dataset table names are plain identifiers; quotes are doubled anyway).
    private static func identifier(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Microseconds of a TIMESTAMP as the store writes it, `YYYY-MM-DD HH:MM:SS[.ffffff]` (UTC), from the bytes of
    /// its text; nil otherwise.
    static func sqlTimestamp(bytes: UnsafeRawBufferPointer) -> Int64? {
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"),
            let day = CivilDate.parse(bytes: UnsafeRawBufferPointer(rebasing: bytes[0..<10]))
        else { return nil }
        func two(_ at: Int) -> Int64? {
            let (a, b) = (bytes[at] &- 48, bytes[at + 1] &- 48)
            return a < 10 && b < 10 ? Int64(a) * 10 + Int64(b) : nil
        }
        guard let hour = two(11), let minute = two(14), let second = two(17), hour < 24, minute < 60,
            second < 60
        else { return nil }
        var micros: Int64 = 0
        if bytes.count > 19 {
            guard bytes[19] == UInt8(ascii: "."), bytes.count <= 26, bytes.count > 20 else { return nil }
            for i in 20..<26 {
                let digit = i < bytes.count ? bytes[i] &- 48 : 0
                guard digit < 10 else { return nil }
                micros = micros * 10 + Int64(digit)
            }
        }
        return ((day * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000_000) + micros
    }

    /// Whether `bytes` hold the same bytes as `kept`.
    private static func same(_ bytes: UnsafeRawBufferPointer, _ kept: [UInt8]) -> Bool {
        guard bytes.count == kept.count else { return false }
        guard let base = bytes.baseAddress, !kept.isEmpty else { return true }
        return kept.withUnsafeBytes { other in other.baseAddress.map { memcmp(base, $0, bytes.count) == 0 } ?? false }
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
