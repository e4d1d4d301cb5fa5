import Rows
import SQLite

/// Converts the revisions of a layout-2 store (one row of JSON text per revision in `_bmrs_revisions`) into
/// the compact form: hot rows for hot days, one sealed record per sealed day. Runs inside the upgrade's
/// transaction; every revision is kept, in the order recorded.
struct LegacyRevisions {
    let connection: StoreConnection

    func convert() throws {
        let database = connection.database
        let members = try database.prepare(sql: "SELECT key, value FROM json_each(?)")
        func object(_ json: String, _ what: String, _ id: Int64) throws -> [(String, SQLiteValue)] {
            members.clear()
            try members.bind([.text(json)])
            var result: [(String, SQLiteValue)] = []
            do {
                while try members.step() { result.append((members.text(at: 0), members.value(at: 1))) }
            } catch {
                throw StoreError(.badStore, "revision \(id): \(what) is not a JSON object (\(error))")
            }
            return result
        }
        var days: [RevisionDay] = []
        for row in try database.rows(
            sql: """
                SELECT revision_id, table_name, partition_date, key_json, old_json, new_json, old_publish_time,
                  new_publish_time, seen_utc, run_id FROM _bmrs_revisions ORDER BY revision_id
                """)
        {
            guard case .integer(let id) = row[0], case .text(let table) = row[1], case .text(let date) = row[2],
                case .text(let keyJSON) = row[3], case .text(let oldJSON) = row[4], case .text(let newJSON) = row[5]
            else { throw StoreError(.badStore, "a row of _bmrs_revisions has a missing field") }
            let schema = try connection.schema(named: table)
            let tableID = try connection.tableID(schema)
            guard let day = CivilDate.parse(date) else {
                throw StoreError(.badStore, "revision \(id) has a malformed partition_date '\(date)'")
            }
            let keyMembers = Dictionary(try object(keyJSON, "key_json", id), uniquingKeysWith: { a, _ in a })
            let key = RevisionCodec.keyColumns(of: schema).map {
                Self.cell(keyMembers[schema.columns[$0].name] ?? .null, schema.columns[$0].kind)
            }
            let newMembers = Dictionary(try object(newJSON, "new_json", id), uniquingKeysWith: { a, _ in a })
            var changed: [(Int, Cell, Cell)] = []
            for (name, value) in try object(oldJSON, "old_json", id) {
                guard let c = schema.columns.firstIndex(where: { $0.name == name }) else {
                    throw StoreError(.badStore, "revision \(id) names an unknown column \(name)")
                }
                let kind = schema.columns[c].kind
                changed.append((c, Self.cell(value, kind), Self.cell(newMembers[name] ?? .null, kind)))
            }
            changed.sort { $0.0 < $1.0 }
            func micros(_ value: SQLiteValue) -> Int64? {
                if case .text(let t) = value { return Timestamp.parse(t) }
                return nil
            }
            let revision = Revision(
                key: key, changed: changed.map(\.0), old: changed.map(\.1), new: changed.map(\.2),
                oldPublish: micros(row[6]), newPublish: micros(row[7]), seen: micros(row[8]) ?? 0,
                runID: row[9].integerValue)
            let revisionDay = RevisionDay(tableID: tableID, day: day)
            if connection.pendingRevisions[revisionDay] == nil { days.append(revisionDay) }
            RevisionStore(connection: connection).pend(revision, tableID: tableID, day: day)
        }
        for d in days {
            let sealed = try database.scalar(
                sql: "SELECT tier = 'sealed' FROM _bmrs_partitions WHERE table_id = ? AND day = ?",
                .integer(d.tableID), .integer(d.day))
            if sealed == .integer(1) {
                try RevisionStore(connection: connection).seal(tableID: d.tableID, day: d.day)
            } else {
                try RevisionStore(connection: connection).writeHot(tableID: d.tableID, day: d.day)
            }
        }
    }

    /// A JSON member's value (as `json_each` gives it) as a cell of a column of `kind`.
    static func cell(_ value: SQLiteValue, _ kind: StoredColumn.Kind) -> Cell {
        switch (value, kind) {
        case (.text(let t), .date): return CivilDate.parse(t).map(Cell.int) ?? .text(t)
        case (.text(let t), .timestamp): return Timestamp.parse(t).map(Cell.int) ?? .text(t)
        case (.text(let t), _): return .text(t)
        case (.integer(let v), .real): return .double(Double(v))
        case (.integer(let v), _): return .int(v)
        case (.real(let d), _): return .double(d)
        default: return .null
        }
    }
}
