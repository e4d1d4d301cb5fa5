import Rows
import SQLite

/// The SQL face of a store table: an eponymous virtual table that reads both tiers and, from constraints
/// on the partition column (`=`, `<`, `<=`, `>`, `>=`, `BETWEEN`, `IN`), reads only the days that can match.
///
/// SQLite still checks every constraint on every row, so pruning can only skip work, never change a result.
final class PartitionedTable: VirtualTable {
    let schema: TableSchema
    /// Weak: the connection owns this table. A statement that outlives its `Warehouse` keeps the connection
    /// open; this table then has no store to read and says so.
    weak var connection: StoreConnection?
    let statistics: ScanStatistics
    /// NUL-terminated copies of strings handed to SQLite without copying; kept for the connection's life.
    private var interned: [String: UnsafeMutablePointer<CChar>] = [:]

    init(schema: TableSchema, connection: StoreConnection) {
        self.schema = schema
        self.connection = connection
        statistics = connection.scanStatistics
    }

    /// The partitions of the store this table reads, or an error when the store was closed.
    func store() throws -> PartitionStore {
        guard let connection else {
            throw StoreError(.usage, "the store holding \(schema.name) was closed before the query finished")
        }
        return PartitionStore(connection: connection)
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
        // Only a BINARY comparison orders dates as their bytes do: under RTRIM, NOCASE or any other collation
        // '2018-03-25 ' may equal '2018-03-25', so such a constraint is left to SQLite alone.
        for constraint in info.constraints
        where constraint.isUsable && constraint.column == Int32(schema.partitionIndex)
            && constraint.collation.uppercased() == "BINARY"
        {
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
        let ordering = PartitionOrdering.plan(info, schema: schema)
        info.setIndexString(codes + ";" + String(info.columnsUsed) + (ordering.map { ";" + $0.planText } ?? ""))
        let equality = codes.contains("=") || codes.contains("I")
        info.estimatedCost = equality ? 1_000 : (codes.isEmpty ? 1_000_000 : 100_000)
        info.estimatedRows = equality ? 1_000 : (codes.isEmpty ? 1_000_000 : 100_000)
    }

    func openCursor() throws -> any VirtualTableCursor {
        PartitionCursor(table: self)
    }
}

/// Walks the surviving partitions of a `PartitionedTable`, one decoded day at a time.
///
/// The current day's columns are copied into plain buffers the cursor owns, so that the per-row callbacks
/// touch no reference counts.
final class PartitionCursor: VirtualTableCursor {
    // Safe: SQLite closes every cursor (xClose) before it disconnects the table it was opened on (xDisconnect),
    // and the table object lives until xDisconnect, so the table outlives each of its cursors; an unowned
    // reference saves the per-row reference counting a strong one would cost in xColumn/xNext.
    unowned(unsafe) let table: PartitionedTable
    private var partitions: [PartitionInfo] = []
    private var nextPartition = 0
    @exclusivity(unchecked) private var rowCount = 0
    @exclusivity(unchecked) private var row = 0
    /// The row's position in the day's visiting order, and that order when it is not the stored one.
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var order: [Int32] = []
    private var ordering: PartitionOrdering? = nil
    @exclusivity(unchecked) private var atEnd = true
    @exclusivity(unchecked) private var views: [ColumnView] = []
    @exclusivity(unchecked) private var dateText: (UnsafePointer<CChar>, Int) = (emptyText, 0)
    /// One per column of the schema, so a TIMESTAMP column formats its date part once per day.
    private let timestampWriters: UnsafeMutableBufferPointer<SQLTimestampWriter>
    private var dayNumber: Int64 = 0
    private var columnsUsed: UInt64 = .max
    private let statistics: ScanStatistics

    /// One column of the current day in raw memory.
    struct ColumnView {
        enum Kind { case int, date, partitionDate, timestamp, real, text, absent }
        var kind: Kind
        var ints = UnsafeMutableBufferPointer<Int64>(start: nil, count: 0)
        var reals = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)
        var indices = UnsafeMutableBufferPointer<UInt32>(start: nil, count: 0)
        var texts = UnsafeMutableBufferPointer<UnsafePointer<CChar>>(start: nil, count: 0)
        var lengths = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
        var nulls = UnsafeMutableBufferPointer<Bool>(start: nil, count: 0)

        func deallocate() {
            ints.deallocate()
            reals.deallocate()
            indices.deallocate()
            texts.deallocate()
            lengths.deallocate()
            nulls.deallocate()
        }
    }

    init(table: PartitionedTable) {
        self.table = table
        statistics = table.statistics
        timestampWriters = .allocate(capacity: table.schema.columns.count)
        timestampWriters.initialize(repeating: SQLTimestampWriter())
    }

    deinit {
        for view in views { view.deallocate() }
        timestampWriters.deallocate()
    }

    func filter(indexNumber: Int32, indexString: String?, arguments: [FilterArgument]) throws {
        let plan = (indexString ?? "").split(separator: ";", omittingEmptySubsequences: false)
        let codes = Array(plan.first ?? "")
        columnsUsed = plan.count > 1 ? UInt64(plan[1]) ?? .max : .max
        ordering = plan.count > 2 ? PartitionOrdering(planText: plan[2]) : nil
        let all = try table.store().partitions(of: table.schema)
        partitions = all.filter { partition in
            let text = partition.date
            for (code, argument) in zip(codes, arguments) where !Self.mayMatch(text, code, argument) { return false }
            return true
        }
        nextPartition = 0
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
        atEnd = true
        while nextPartition < partitions.count {
            let info = partitions[nextPartition]
            nextPartition += 1
            let decoded = try table.store().readPartition(info, schema: table.schema, columns: columnsUsed)
            statistics.partitionsRead += 1
            guard decoded.rowCount > 0 else { continue }
            // Counted per day, not per row: rows the cursor offers (a LIMIT may stop SQLite sooner).
            statistics.rowsRead += decoded.rowCount
            load(decoded)
            order = ordering?.permutation(of: decoded) ?? []
            position = 0
            row = order.isEmpty ? 0 : Int(order[0])
            atEnd = false
            return
        }
    }

    private func load(_ day: ColumnarDay) {
        for view in views { view.deallocate() }
        views.removeAll(keepingCapacity: true)
        rowCount = day.rowCount
        row = 0
        dayNumber = day.day
        dateText = table.intern(CivilDate.string(day.day))
        let schema = table.schema
        for (c, column) in schema.columns.enumerated() {
            guard c < day.columns.count else {
                views.append(ColumnView(kind: .absent))
                continue
            }
            let data = day.columns[c]
            var view: ColumnView
            switch data.values {
            case .ints(let values):
                let kind: ColumnView.Kind
                switch column.kind {
                case .date: kind = c == schema.partitionIndex ? .partitionDate : .date
                case .timestamp: kind = .timestamp
                default: kind = .int
                }
                view = ColumnView(kind: kind)
                view.ints = .allocate(capacity: values.count)
                _ = view.ints.initialize(from: values)
            case .reals(let values):
                view = ColumnView(kind: .real)
                view.reals = .allocate(capacity: values.count)
                _ = view.reals.initialize(from: values)
            case .texts(let dictionary, let indices):
                view = ColumnView(kind: .text)
                view.indices = .allocate(capacity: indices.count)
                _ = view.indices.initialize(from: indices)
                view.texts = .allocate(capacity: max(dictionary.count, 1))
                view.lengths = .allocate(capacity: max(dictionary.count, 1))
                for (i, s) in dictionary.enumerated() {
                    let (p, n) = table.intern(s)
                    view.texts[i] = p
                    view.lengths[i] = n
                }
            }
            if let nulls = data.nulls {
                view.nulls = .allocate(capacity: nulls.count)
                _ = view.nulls.initialize(from: nulls)
            }
            views.append(view)
        }
    }

    var isAtEnd: Bool { atEnd }

    func next() throws {
        guard !atEnd else { return }
        position += 1
        if position >= rowCount {
            try advanceDay()
        } else {
            row = order.isEmpty ? position : Int(order[position])
        }
    }

    func column(_ index: Int32, into result: ResultContext) {
        let view = views[Int(index)]
        if view.nulls.count > 0, view.nulls[row] { return result.setNull() }
        switch view.kind {
        case .int: result.set(view.ints[row])
        case .real: result.set(view.reals[row])
        case .text:
            let i = Int(view.indices[row])
            result.set(staticText: view.texts[i], count: view.lengths[i])
        case .partitionDate: result.set(staticText: dateText.0, count: dateText.1)
        case .date: result.set(CivilDate.string(view.ints[row]))
        case .timestamp:
            var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &buffer) { bytes in
                let n = timestampWriters[Int(index)].write(view.ints[row], into: bytes)
                result.set(transientText: bytes.baseAddress!.assumingMemoryBound(to: CChar.self), count: n)
            }
        case .absent: result.setNull()
        }
    }

    var rowID: Int64 { dayNumber << 24 | Int64(row) }
}

nonisolated(unsafe) private let emptyText: UnsafePointer<CChar> = {
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    p.initialize(to: 0)
    return UnsafePointer(p)
}()
