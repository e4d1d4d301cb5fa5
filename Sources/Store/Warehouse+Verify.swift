import Hashing
import Rows
import SQLite

/// The store-wide checks of `verify`: what no single partition can show.
extension Warehouse {
    /// Every write goes through the WAL (concurrent readers, kill -9 safety): any other mode is damage.
    func journalModeProblems() throws -> [VerifyProblem] {
        let mode = try database.scalar(sql: "PRAGMA journal_mode")?.textValue?.lowercased() ?? "unknown"
        guard mode != "wal" else { return [] }
        return [
            VerifyProblem(
                location: "store",
                message:
                    "the journal mode is \(mode), not wal (restore it with: sqlite3 \(path) 'PRAGMA journal_mode=WAL')")
        ]
    }

    /// Each applied migration's text must match its recorded checksum and the migration built into this binary.
    func migrationProblems() throws -> [VerifyProblem] {
        let known = Dictionary(knownMigrations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [VerifyProblem] = []
        var applied: Set<String> = []
        for row in try database.rows(sql: "SELECT id, checksum, sql FROM _bmrs_migrations ORDER BY id") {
            let id = row[0].textValue ?? "?"
            let checksum = row[1].textValue ?? ""
            applied.insert(id)
            let location = "migration \(id)"
            let textHash = SHA256.hex(Array((row[2].textValue ?? "").utf8))
            if textHash != checksum {
                problems.append(
                    VerifyProblem(location: location, message: "its recorded text does not match its checksum"))
            }
            guard let migration = known[id] else {
                problems.append(VerifyProblem(location: location, message: "is not one of this bmrs's migrations"))
                continue
            }
            if migration.checksum == checksum, textHash != checksum {
                problems.append(
                    VerifyProblem(location: location, message: "its recorded text differs from this bmrs's"))
            } else if migration.checksum != checksum {
                problems.append(
                    VerifyProblem(
                        location: location,
                        message:
                            "checksum \(checksum.prefix(12))… in the store differs from this bmrs's "
                            + "\(migration.checksum.prefix(12))…"))
            }
        }
        if let last = knownMigrations.lastIndex(where: { applied.contains($0.id) }) {
            for migration in knownMigrations[..<last] where !applied.contains(migration.id) {
                problems.append(
                    VerifyProblem(
                        location: "migration \(migration.id)",
                        message: "is not recorded as applied but a later migration is"))
            }
        }
        return problems
    }

    /// Partition records, tables and blobs must point at each other: each sealed partition at its own blob,
    /// each blob used by exactly one partition, each record at a known table.
    func recordProblems() throws -> [VerifyProblem] {
        var problems: [VerifyProblem] = []
        let names = Dictionary(
            tables.compactMap { schema in (try? tableID(schema)).map { ($0, schema.name) } },
            uniquingKeysWith: { a, _ in a })
        for row in try database.rows(
            sql: """
                SELECT p.table_id, p.day, p.tier, p.blob_id, b.blob_id IS NOT NULL FROM _bmrs_partitions p
                LEFT JOIN _bmrs_blobs b ON b.blob_id = p.blob_id ORDER BY p.table_id, p.day
                """)
        {
            let tableID = row[0].integerValue ?? -1
            let day = row[1].integerValue ?? 0
            let location = "\(names[tableID] ?? "table \(tableID)")/\(CivilDate.string(day))"
            if names[tableID] == nil {
                problems.append(VerifyProblem(location: location, message: "the partition record names no known table"))
            }
            switch (row[2].textValue, row[3].integerValue, row[4].integerValue == 1) {
            case ("sealed", nil, _):
                problems.append(VerifyProblem(location: location, message: "sealed partition record without a blob"))
            case ("sealed", let blob?, false):
                problems.append(
                    VerifyProblem(location: location, message: "sealed partition's blob \(blob) is missing"))
            case ("hot", let blob?, _):
                problems.append(
                    VerifyProblem(location: location, message: "hot partition record points at blob \(blob)"))
            default: break
            }
        }
        for row in try database.rows(
            sql: """
                SELECT blob_id FROM _bmrs_blobs
                EXCEPT SELECT blob_id FROM _bmrs_partitions WHERE blob_id IS NOT NULL ORDER BY 1
                """)
        {
            problems.append(
                VerifyProblem(
                    location: "_bmrs_blobs/\(row[0].integerValue ?? -1)",
                    message: "orphan blob: no partition record points at it"))
        }
        for row in try database.rows(
            sql: """
                SELECT blob_id, count(*) FROM _bmrs_partitions WHERE blob_id IS NOT NULL
                GROUP BY blob_id HAVING count(*) > 1 ORDER BY blob_id
                """)
        {
            problems.append(
                VerifyProblem(
                    location: "_bmrs_blobs/\(row[0].integerValue ?? -1)",
                    message: "shared by \(row[1].integerValue ?? 0) partition records"))
        }
        return problems
    }

    /// Every day with hot rows must have a hot partition record (a day lives in exactly one tier).
    func hotRowProblems(_ schema: TableSchema) throws -> [VerifyProblem] {
        let id = try tableID(schema)
        let column = quoted(schema.columns[schema.partitionIndex].name)
        var problems: [VerifyProblem] = []
        for row in try database.rows(
            sql: "SELECT \(column), count(*) FROM \(quoted(schema.hotTableName)) GROUP BY 1 ORDER BY 1")
        {
            let text = row[0].textValue ?? "\(row[0])"
            let count = row[1].integerValue ?? 0
            let location = "\(schema.name)/\(text)"
            guard let day = CivilDate.parse(text) else {
                problems.append(VerifyProblem(location: location, message: "\(count) hot row(s) with a malformed date"))
                continue
            }
            let tier = try database.scalar(
                sql: "SELECT tier FROM _bmrs_partitions WHERE table_id = ? AND day = ?", .integer(id), .integer(day))
            switch tier?.textValue {
            case "hot": break
            case nil:
                problems.append(
                    VerifyProblem(location: location, message: "\(count) hot row(s) without a partition record"))
            case let other?:
                problems.append(
                    VerifyProblem(location: location, message: "\(count) hot row(s) in a \(other) partition"))
            }
        }
        return problems
    }

    /// A table without partitions must not be one that load or ingest runs recorded rows inserted into.
    func emptyTableProblems(_ schema: TableSchema) throws -> [VerifyProblem] {
        let id = try tableID(schema)
        let partitions =
            try database.scalar(
                sql: "SELECT count(*) FROM _bmrs_partitions WHERE table_id = ?", .integer(id))?.integerValue ?? 0
        guard partitions == 0 else { return [] }
        let inserted =
            try database.scalar(
                sql: "SELECT coalesce(sum(inserted), 0) FROM _bmrs_runs WHERE lower(table_name) = lower(?)",
                .text(schema.name))?.integerValue ?? 0
        guard inserted > 0 else { return [] }
        return [
            VerifyProblem(
                location: schema.name,
                message: "the table has no partitions, but load and ingest runs recorded \(inserted) row(s) inserted")
        ]
    }
}
