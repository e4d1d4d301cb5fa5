import Rows
import SQLite

/// `_bmrs_revisions`: every recorded revision, hot and sealed, as SQL rows (an eponymous virtual table).
///
/// Columns: `table_name`, `partition_date`, `key_json` (the key, with the partition column),
/// `old_json` / `new_json` (the changed value columns before and after), `old_publish_time`,
/// `new_publish_time`, `seen_utc` (ISO-8601 text), `run_id` and `sealed` (1 when kept in the day's sealed
/// record). A constraint `table_name = ?` or `partition_date = ?` reads only the matching days.
final class RevisionsTable: VirtualTable {
    /// Weak: the connection owns this table (see `PartitionedTable.connection`).
    weak var connection: StoreConnection?

    init(connection: StoreConnection) { self.connection = connection }

    var declaration: String {
        """
        CREATE TABLE x(table_name TEXT, partition_date TEXT, key_json TEXT, old_json TEXT, new_json TEXT,
          old_publish_time TEXT, new_publish_time TEXT, seen_utc TEXT, run_id INTEGER, sealed INTEGER)
        """
    }

    /// Plan: idxStr is `t` and/or `d`, one letter per argument (table name, partition date).
    func bestIndex(_ info: IndexInfo) {
        var codes = ""
        for constraint in info.constraints
        where constraint.isUsable && constraint.op == .equal && (0...1).contains(constraint.column) {
            let code = constraint.column == 0 ? "t" : "d"
            guard !codes.contains(code) else { continue }
            codes.append(code)
            info.use(constraint.index, argumentIndex: Int32(codes.count))
        }
        info.setIndexString(codes)
        info.estimatedCost = codes.contains("d") ? 100 : (codes.isEmpty ? 100_000 : 50_000)
        info.estimatedRows = codes.contains("d") ? 100 : 100_000
    }

    func openCursor() throws -> any VirtualTableCursor {
        guard let connection else {
            throw StoreError(.usage, "the store holding _bmrs_revisions was closed before the query finished")
        }
        return RevisionsCursor(connection: connection)
    }
}

/// Walks the revised days, decoding one day's revisions at a time.
final class RevisionsCursor: VirtualTableCursor {
    /// Strong: a cursor is closed before its statement is finalized, and the connection does not own it.
    let connection: StoreConnection
    private var days: [(schema: TableSchema, tableID: Int64, day: Int64)] = []
    private var nextDay = 0
    private var current: [Revision] = []
    private var sealedCount = 0
    private var index = 0
    private var serial: Int64 = 0

    init(connection: StoreConnection) { self.connection = connection }

    func filter(indexNumber: Int32, indexString: String?, arguments: [FilterArgument]) throws {
        var table: String?
        var date: String?
        for (code, argument) in zip(indexString ?? "", arguments) {
            guard case .value(let value) = argument else { continue }
            let text: String
            switch value {
            case .text(let t): text = t
            default: text = "\u{0}"  // matches nothing
            }
            if code == "t" { table = text } else { date = text }
        }
        var schemas: [Int64: TableSchema] = [:]
        for schema in connection.tables { schemas[try connection.tableID(schema)] = schema }
        var sql = """
            SELECT DISTINCT table_id, day FROM (SELECT table_id, day FROM _bmrs_revision_days
              UNION ALL SELECT table_id, day FROM _bmrs_revisions_hot)
            """
        var bindings: [SQLiteValue] = []
        if let date {
            sql += " WHERE day = ?"
            bindings.append(.integer(CivilDate.parse(date) ?? .min))
        }
        days = []
        for row in try connection.database.rows(sql: sql + " ORDER BY table_id, day", bindings) {
            guard case .integer(let id) = row[0], case .integer(let day) = row[1], let schema = schemas[id] else {
                continue
            }
            if let table, table.lowercased() != schema.name.lowercased() { continue }
            days.append((schema, id, day))
        }
        nextDay = 0
        current = []
        index = 0
        serial = 0
        try advanceDay()
    }

    private func advanceDay() throws {
        while index >= current.count && nextDay < days.count {
            let d = days[nextDay]
            nextDay += 1
            current = try RevisionStore(connection: connection).revisions(tableID: d.tableID, day: d.day)
            sealedCount = try RevisionStore(connection: connection).sealedRevisionCount(tableID: d.tableID, day: d.day)
            index = 0
        }
    }

    var isAtEnd: Bool { index >= current.count }

    func next() throws {
        index += 1
        serial += 1
        try advanceDay()
    }

    var rowID: Int64 { serial }

    func column(_ column: Int32, into result: ResultContext) {
        let d = days[nextDay - 1]
        let revision = current[index]
        let schema = d.schema
        switch column {
        case 0: result.set(schema.name)
        case 1: result.set(CivilDate.string(d.day))
        case 2:
            let keys = RevisionCodec.keyColumns(of: schema)
            var members: [String] = []
            for c in schema.keyIndices {
                let cell: Cell
                if c == schema.partitionIndex {
                    cell = .int(d.day)
                } else if let k = keys.firstIndex(of: c), k < revision.key.count {
                    cell = revision.key[k]
                } else {
                    cell = .null
                }
                members.append(Self.member(schema, c, cell))
            }
            result.set("{" + members.joined(separator: ",") + "}")
        case 3, 4:
            let cells = column == 3 ? revision.old : revision.new
            let members = zip(revision.changed, cells).map { Self.member(schema, $0, $1) }
            result.set("{" + members.joined(separator: ",") + "}")
        case 5, 6, 7:
            let value = column == 5 ? revision.oldPublish : column == 6 ? revision.newPublish : revision.seen
            if let value { result.set(Timestamp.isoString(value)) } else { result.setNull() }
        case 8:
            if let run = revision.runID { result.set(run) } else { result.setNull() }
        default: result.set(Int64(index < sealedCount ? 1 : 0))
        }
    }

    private static func member(_ schema: TableSchema, _ c: Int, _ cell: Cell) -> String {
        let name = c < schema.columns.count ? schema.columns[c].name : "column\(c)"
        let kind = c < schema.columns.count ? schema.columns[c].kind : .integer
        return "\(jsonString(name)):\(jsonValue(cell, kind: kind))"
    }
}
