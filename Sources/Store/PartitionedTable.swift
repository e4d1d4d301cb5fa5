import SQLite

/// The SQL face of a store table: an eponymous virtual table that reads both tiers and, from constraints
/// on the partition column (`=`, `<`, `<=`, `>`, `>=`, `BETWEEN`, `IN`), reads only the days that can match.
///
/// SQLite still checks every constraint on every row, so pruning can only skip work, never change a result.
final class PartitionedTable: VirtualTable {
    let schema: TableSchema
    unowned let warehouse: Warehouse
    /// NUL-terminated copies of strings handed to SQLite without copying; kept for the connection's life.
    private var interned: [String: UnsafeMutablePointer<CChar>] = [:]

    init(schema: TableSchema, warehouse: Warehouse) {
        self.schema = schema
        self.warehouse = warehouse
    }

    deinit {
        for pointer in interned.values { pointer.deallocate() }
    }

    var declaration: String {
        "CREATE TABLE x(" + schema.columns.map { "\(quoted($0.name)) \($0.sqliteType)" }.joined(separator: ", ") + ")"
    }

    func intern(_ s: String) -> (UnsafePointer<CChar>, Int) {
        if let p = interned[s] { return (UnsafePointer(p), strlenOf(p)) }
        let bytes = Array(s.utf8CString)
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        p.initialize(from: bytes, count: bytes.count)
        interned[s] = p
        return (UnsafePointer(p), bytes.count - 1)
    }

    private func strlenOf(_ p: UnsafeMutablePointer<CChar>) -> Int {
        var n = 0
        while p[n] != 0 { n += 1 }
        return n
    }

    /// Plan: idxStr lists one operator code per argument: `=`, `>`, `G` (>=), `<`, `L` (<=), `I` (IN list).
    func bestIndex(_ info: IndexInfo) {
        var codes = ""
        var argument: Int32 = 0
        for constraint in info.constraints where constraint.isUsable && constraint.column == Int32(schema.partitionIndex) {
            let code: Character
            switch constraint.op {
            case .equal: code = info.requestWholeList(constraint.index) ? "I" : "="
            case .greaterThan: code = ">"
            case .greaterThanOrEqual: code = "G"
            case .lessThan: code = "<"
            case .lessThanOrEqual: code = "L"
            case .other: continue
            }
            argument += 1
            info.use(constraint.index, argumentIndex: argument)
            codes.append(code)
        }
        info.setIndexString(codes)
        let equality = codes.contains("=") || codes.contains("I")
        info.estimatedCost = equality ? 1_000 : (codes.isEmpty ? 1_000_000 : 100_000)
        info.estimatedRows = equality ? 1_000 : (codes.isEmpty ? 1_000_000 : 100_000)
    }

    func openCursor() throws -> any VirtualTableCursor {
        PartitionCursor(table: self)
    }
}

/// Walks the surviving partitions of a `PartitionedTable`, one decoded day at a time.
final class PartitionCursor: VirtualTableCursor {
    unowned let table: PartitionedTable
    private var partitions: [PartitionInfo] = []
    private var nextPartition = 0
    private var day: ColumnarDay?
    private var row = 0
    /// Per text column of the current day: interned pointers for its dictionary.
    private var textPointers: [[(UnsafePointer<CChar>, Int)]] = []
    private var dateText: (UnsafePointer<CChar>, Int)?
    private var rowBase: Int64 = 0

    init(table: PartitionedTable) { self.table = table }

    func filter(indexNumber: Int32, indexString: String?, arguments: [FilterArgument]) throws {
        let all = try table.warehouse.partitions(of: table.schema)
        let codes = Array(indexString ?? "")
        partitions = all.filter { partition in
            let text = partition.date
            for (code, argument) in zip(codes, arguments) where !Self.mayMatch(text, code, argument) { return false }
            return true
        }
        nextPartition = 0
        day = nil
        try advanceDay()
    }

    /// False only when no row of a partition dated `date` can satisfy the constraint.
    static func mayMatch(_ date: String, _ code: Character, _ argument: FilterArgument) -> Bool {
        switch argument {
        case .list(let values):
            return values.contains { mayMatch(date, "=", .value($0)) }
        case .value(let value):
            // Only text compares with a TEXT column by bytes; anything else is left to SQLite.
            guard case .text(let bound) = value else { return true }
            let c = compareBytes(date, bound)
            switch code {
            case "=": return c == 0
            case ">": return c > 0
            case "G": return c >= 0
            case "<": return c < 0
            case "L": return c <= 0
            default: return true
            }
        }
    }

    static func compareBytes(_ a: String, _ b: String) -> Int {
        for (x, y) in zip(a.utf8, b.utf8) where x != y { return x < y ? -1 : 1 }
        return a.utf8.count == b.utf8.count ? 0 : (a.utf8.count < b.utf8.count ? -1 : 1)
    }

    private func advanceDay() throws {
        day = nil
        while nextPartition < partitions.count {
            let info = partitions[nextPartition]
            nextPartition += 1
            let decoded = try table.warehouse.readPartition(info, schema: table.schema)
            table.warehouse.scanStatistics.partitionsRead += 1
            guard decoded.rowCount > 0 else { continue }
            rowBase = decoded.day << 24
            dateText = table.intern(CivilDate.string(decoded.day))
            textPointers = decoded.columns.map { column in
                if case .texts(let dictionary, _) = column.values { return dictionary.map { table.intern($0) } }
                return []
            }
            day = decoded
            row = 0
            return
        }
    }

    var isAtEnd: Bool { day == nil }

    func next() throws {
        guard let current = day else { return }
        row += 1
        table.warehouse.scanStatistics.rowsRead += 1
        if row >= current.rowCount { try advanceDay() }
    }

    func column(_ index: Int32, into result: ResultContext) {
        guard let current = day else { return result.setNull() }
        let c = Int(index)
        let column = current.columns[c]
        if let nulls = column.nulls, nulls[row] { return result.setNull() }
        switch column.values {
        case .ints(let values):
            switch table.schema.columns[c].kind {
            case .date:
                if c == table.schema.partitionIndex, let (p, n) = dateText {
                    result.set(staticText: p, count: n)
                } else {
                    result.set(CivilDate.string(values[row]))
                }
            case .timestamp: result.set(Timestamp.sqlString(values[row]))
            default: result.set(values[row])
            }
        case .reals(let values): result.set(values[row])
        case .texts(_, let indices):
            let (p, n) = textPointers[c][Int(indices[row])]
            result.set(staticText: p, count: n)
        }
    }

    var rowID: Int64 { rowBase | Int64(row) }
}

extension Warehouse {
    /// Registers every table of the catalog as a virtual table on this connection.
    func registerTables() throws {
        for schema in tables where !registeredTables.contains(schema.name.lowercased()) {
            try database.registerEponymousTable(named: schema.name, PartitionedTable(schema: schema, warehouse: self))
            registeredTables.insert(schema.name.lowercased())
        }
    }
}
