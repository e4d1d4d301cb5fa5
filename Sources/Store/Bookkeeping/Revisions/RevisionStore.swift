import Rows
import SQLite

/// A table's day, the unit revisions are kept and sealed by.
struct RevisionDay: Hashable, Sendable {
    let tableID: Int64
    let day: Int64
}

/// How many revisions one day of a table holds.
public struct RevisedDay: Sendable, Equatable {
    /// The table.
    public let table: String
    /// The day number.
    public let day: Int64
    /// Revisions recorded for the day.
    public let revisions: Int

    /// `YYYY-MM-DD`.
    public var date: String { CivilDate.string(day) }

    /// A day of `table` with `revisions` revisions.
    public init(table: String, day: Int64, revisions: Int) {
        self.table = table
        self.day = day
        self.revisions = revisions
    }
}

/// The revisions of a store: each held until its day is written, then kept with the day (plain rows of
/// `_bmrs_revisions_hot` while it is hot, one zstd record in `_bmrs_revision_days` once it is sealed).
struct RevisionStore {
    let connection: StoreConnection

    var database: Database { connection.database }
    func cached(_ sql: String) throws -> Statement { try connection.cached(sql) }

    /// Holds a revision until its day is written: `recordPartition` writes it as a hot row, `storeSealed`
    /// seals it with the day.
    func pend(_ revision: Revision, tableID: Int64, day: Int64) {
        connection.pendingRevisions[RevisionDay(tableID: tableID, day: day), default: []].append(revision)
    }

    /// Writes the pending revisions of a hot day as plain rows of `_bmrs_revisions_hot`.
    func writeHot(tableID: Int64, day: Int64) throws {
        guard let pending = connection.pendingRevisions.removeValue(forKey: RevisionDay(tableID: tableID, day: day))
        else {
            return
        }
        let insert = try cached("INSERT INTO _bmrs_revisions_hot(table_id, day, data) VALUES (?, ?, ?)")
        for revision in pending {
            insert.clear()
            try insert.bind([.integer(tableID), .integer(day), .blob(RevisionCodec.encode([revision]))])
            try insert.step()
        }
    }

    /// Seals a day's revisions: the sealed ones, the hot rows and the pending ones become one zstd blob.
    func seal(tableID: Int64, day: Int64) throws {
        let key = RevisionDay(tableID: tableID, day: day)
        let pending = connection.pendingRevisions.removeValue(forKey: key) ?? []
        let hot = try hotRevisions(tableID: tableID, day: day)
        guard !pending.isEmpty || !hot.isEmpty else { return }
        let sealed = try sealedRevisions(tableID: tableID, day: day)
        let all = sealed.isEmpty && hot.isEmpty ? pending : sealed + hot + pending
        let raw = RevisionCodec.encode(all)
        let upsert = try cached(
            """
            INSERT OR REPLACE INTO _bmrs_revision_days(table_id, day, revision_count, raw_bytes, data)
            VALUES (?, ?, ?, ?, ?)
            """)
        try upsert.bind([
            .integer(tableID), .integer(day), .integer(Int64(all.count)), .integer(Int64(raw.count)),
            .blob(try RevisionCodec.compress(raw, level: connection.sealLevel)),
        ])
        try upsert.step()
        if !hot.isEmpty {
            let delete = try cached("DELETE FROM _bmrs_revisions_hot WHERE table_id = ? AND day = ?")
            try delete.bind([.integer(tableID), .integer(day)])
            try delete.step()
        }
    }

    /// Every revision of one day, sealed ones first, then hot ones in the order recorded.
    func revisions(tableID: Int64, day: Int64) throws -> [Revision] {
        try sealedRevisions(tableID: tableID, day: day) + hotRevisions(tableID: tableID, day: day)
    }

    private func sealedRevisions(tableID: Int64, day: Int64) throws -> [Revision] {
        let select = try cached("SELECT data FROM _bmrs_revision_days WHERE table_id = ? AND day = ?")
        try select.bind([.integer(tableID), .integer(day)])
        defer { select.reset() }
        guard try select.step() else { return [] }
        return try select.withBlob(at: 0) {
            try RevisionCodec.decode(sealed: $0, source: "table \(tableID) day \(CivilDate.string(day))")
        }
    }

    /// How many of a day's revisions are sealed (they come first in `revisions(tableID:day:)`).
    func sealedRevisionCount(tableID: Int64, day: Int64) throws -> Int {
        let select = try cached("SELECT revision_count FROM _bmrs_revision_days WHERE table_id = ? AND day = ?")
        try select.bind([.integer(tableID), .integer(day)])
        defer { select.reset() }
        return try select.step() ? Int(select.int64(at: 0)) : 0
    }

    private func hotRevisions(tableID: Int64, day: Int64) throws -> [Revision] {
        let select = try cached(
            "SELECT revision_id, data FROM _bmrs_revisions_hot WHERE table_id = ? AND day = ? ORDER BY revision_id")
        try select.bind([.integer(tableID), .integer(day)])
        var result: [Revision] = []
        while try select.step() {
            let id = select.int64(at: 0)
            do {
                result += try select.withBlob(at: 1) { try RevisionCodec.decode($0) }
            } catch {
                throw StoreError(.badStore, "hot revision \(id) in _bmrs_revisions_hot is corrupt")
            }
        }
        return result
    }

    /// The days that hold revisions, with their counts, most revised first (then by table and day).
    func revisedDays() throws -> [RevisedDay] {
        var names: [Int64: String] = [:]
        for schema in connection.tables { names[try connection.tableID(schema)] = schema.name }
        let rows = try database.rows(
            sql: """
                SELECT table_id, day, sum(n) FROM (
                  SELECT table_id, day, revision_count AS n FROM _bmrs_revision_days
                  UNION ALL SELECT table_id, day, count(*) FROM _bmrs_revisions_hot GROUP BY table_id, day)
                GROUP BY table_id, day ORDER BY 3 DESC, 1, 2
                """)
        return rows.compactMap { row in
            guard case .integer(let id) = row[0], case .integer(let day) = row[1], case .integer(let n) = row[2]
            else { return nil }
            return RevisedDay(table: names[id] ?? "table \(id)", day: day, revisions: Int(n))
        }
    }
}

extension Warehouse {
    /// The days that hold revisions, with their counts, most revised first (then by table and day).
    public func revisedDays() throws -> [RevisedDay] {
        try revisionStore.revisedDays()
    }
}
