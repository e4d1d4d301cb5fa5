import Check
import Glibc
import Rows
import SQLite
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
            if let first = row[0].integerValue, let last = row[1].integerValue {
                held = (first, last, Int(row[2].integerValue ?? 0))
            }
        }
        guard let held else { return table }
        table.lastDay = held.last
        let share = Double(min(end, held.last) - max(start, held.first) + 1) / Double(held.last - held.first + 1)
        table.reserve(Int(Double(min(held.rows, 5_000_000)) * min(max(share, 0), 1)))
        var lastDate = ""
        var lastDay: Int64 = 0
        try each(
            warehouse,
            """
            SELECT settlementDate, settlementPeriod, fuelType, generation, startTime
            FROM \(name) WHERE settlementDate BETWEEN \(from) AND \(to)
            """
        ) { row in
            // Rows come day by day: parse a date only when it changes (SQLite's unixepoch() costs more).
            guard case .text(let date) = row[0], let period = row[1].integerValue, case .text(let fuel) = row[2]
            else { return }
            if date != lastDate {
                guard let day = CivilDate.parse(date) else { return }
                lastDate = date
                lastDay = day
            }
            table.append(
                day: lastDay, period: period, fuelType: fuel, generation: row[3].integerValue,
                startTime: row[4].textValue.flatMap(sqlTimestamp))
        }
        if held.first >= start && held.last <= end {
            // Every day is in the range: each fuel type's span follows from the rows already read.
            var spans: [String: FuelSpan] = [:]
            for i in 0..<table.rowCount {
                let fuel = table.fuelTypes[Int(table.fuel[i])]
                let day = table.day[i]
                if let span = spans[fuel] {
                    spans[fuel] = FuelSpan(firstDay: min(span.firstDay, day), lastDay: max(span.lastDay, day))
                } else {
                    spans[fuel] = FuelSpan(firstDay: day, lastDay: day)
                }
            }
            table.fuelSpans = spans
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
                guard case .text(let fuel) = row[0], let first = row[1].integerValue, let last = row[2].integerValue
                else { return }
                table.fuelSpans[fuel] = FuelSpan(
                    firstDay: first, lastDay: last, outsideMin: row[3].integerValue, outsideMax: row[4].integerValue,
                    outsideCount: Int(row[5].integerValue ?? 0))
            }
        }
        try each(
            warehouse,
            """
            SELECT unixepoch(publishTime), unixepoch(_ingested_utc) FROM \(name)
            WHERE settlementDate >= '\(CivilDate.string(held.last - 2))' ORDER BY publishTime DESC LIMIT 1
            """
        ) { row in
            table.newestPublish = row[0].integerValue.map { $0 * 1_000_000 }
            table.newestPublishIngested = row[1].integerValue.map { $0 * 1_000_000 }
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
            guard case .text(let date) = row[0], let day = CivilDate.parse(date) else { return }
            result[day, default: 0] += Int(row[1].integerValue ?? 0)
        }
        return result
    }

    /// Every run record, with the chunks whose latest record is that run (in a state other than failed).
    private static func runs(_ warehouse: Warehouse) throws -> [RunFacts] {
        var recorded: [Int64: Int] = [:]
        try each(
            warehouse, "SELECT run_id, count(*) FROM _bmrs_chunks WHERE state <> 'failed' GROUP BY run_id"
        ) { row in
            if let id = row[0].integerValue { recorded[id] = Int(row[1].integerValue ?? 0) }
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
            guard let id = row[0].integerValue, case .text(let kind) = row[1], case .text(let status) = row[6] else {
                return
            }
            var run = RunFacts(
                id: id, kind: kind, dataset: row[2].textValue, table: row[3].textValue,
                started: (row[4].integerValue ?? 0) * 1_000_000, status: status)
            run.finished = row[5].integerValue.map { $0 * 1_000_000 }
            func count(_ i: Int) -> Int { Int(row[i].integerValue ?? 0) }
            run.rowsRead = count(7)
            run.inserted = count(8)
            run.revised = count(9)
            run.superseded = count(10)
            run.duplicates = count(11)
            run.stale = count(12)
            run.requests = count(13)
            run.retries = count(14)
            run.chunksFailed = count(15)
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
            guard let id = row[0].integerValue, case .text(let dataset) = row[1] else { return }
            result.append(
                ResponseFacts(
                    runID: id, dataset: dataset, status: Int(row[2].integerValue ?? 0), seconds: seconds(row[3])))
        }
        return result
    }

    private static func storage(_ warehouse: Warehouse) throws -> StorageFacts {
        var storage = StorageFacts(fileBytes: fileSize(warehouse.path), walBytes: fileSize(warehouse.path + "-wal"))
        var pageSize = 0
        try each(warehouse, "PRAGMA page_size") { pageSize = Int($0[0].integerValue ?? 0) }
        try each(warehouse, "PRAGMA freelist_count") { storage.freeBytes = Int($0[0].integerValue ?? 0) * pageSize }
        try each(warehouse, "SELECT sum(row_count), sum(raw_bytes) FROM _bmrs_partitions") { row in
            storage.rows = Int(row[0].integerValue ?? 0)
            storage.rawBytes = Int(row[1].integerValue ?? 0)
        }
        // dbstat is optional in SQLite builds: without it the make-up is unknown, not an error.
        try? each(warehouse, "SELECT name, pgsize FROM dbstat WHERE aggregate = TRUE") { row in
            if case .text(let name) = row[0] { storage.objectBytes[name, default: 0] += Int(row[1].integerValue ?? 0) }
        }
        return storage
    }

    private static func each(_ warehouse: Warehouse, _ sql: String, _ body: ([SQLiteValue]) throws -> Void) throws {
        try warehouse.query(sql: sql, columns: { _ in }, row: body)
    }

    /// A table name as an SQL identifier (dataset table names are plain identifiers; quotes are doubled anyway).
    private static func identifier(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Microseconds of a TIMESTAMP as the store writes it, `YYYY-MM-DD HH:MM:SS[.ffffff]` (UTC); nil otherwise.
    static func sqlTimestamp(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes -> Int64? in
            guard bytes.count >= 19, bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
                bytes[16] == UInt8(ascii: ":"),
                let day = CivilDate.parse(
                    bytes: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[0..<10]))
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
    }

    private static func seconds(_ value: SQLiteValue) -> Double {
        switch value {
        case .real(let d): return d
        case .integer(let i): return Double(i)
        default: return 0
        }
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
