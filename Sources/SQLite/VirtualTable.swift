import CSQLite

/// A table implemented in Swift and exposed to SQL as an eponymous virtual table.
///
/// Register it with `Database.registerEponymousTable(named:_:)`; it is then queryable as
/// `SELECT … FROM name` on that connection only, and nothing is written to the database file.
public protocol VirtualTable: AnyObject {
    /// The `CREATE TABLE x(…)` statement that declares the columns (the table name is ignored).
    var declaration: String { get }
    /// Chooses a plan: which constraints to consume, the plan number and string, the cost.
    func bestIndex(_ info: IndexInfo)
    /// Opens a new cursor over the table.
    func openCursor() throws -> any VirtualTableCursor
}

/// A cursor over a `VirtualTable`.
public protocol VirtualTableCursor: AnyObject {
    /// Starts a scan with the plan chosen in `bestIndex` and the constraint values SQLite passes.
    func filter(indexNumber: Int32, indexString: String?, arguments: [FilterArgument]) throws
    /// True when the scan has no current row.
    var isAtEnd: Bool { get }
    /// Moves to the next row.
    func next() throws
    /// Writes column `index` of the current row into `result`.
    func column(_ index: Int32, into result: ResultContext)
    /// A unique id of the current row.
    var rowID: Int64 { get }
}

/// A value handed to `VirtualTableCursor.filter`: one value, or the whole list of an `IN (…)` constraint.
public enum FilterArgument: Sendable, Equatable {
    case value(SQLiteValue)
    case list([SQLiteValue])
}

/// A comparison operator in a virtual-table constraint.
public enum ConstraintOperator: Sendable, Equatable {
    case equal, greaterThan, greaterThanOrEqual, lessThan, lessThanOrEqual, other

    init(_ op: UInt8) {
        switch Int32(op) {
        case SQLITE_INDEX_CONSTRAINT_EQ: self = .equal
        case SQLITE_INDEX_CONSTRAINT_GT: self = .greaterThan
        case SQLITE_INDEX_CONSTRAINT_GE: self = .greaterThanOrEqual
        case SQLITE_INDEX_CONSTRAINT_LT: self = .lessThan
        case SQLITE_INDEX_CONSTRAINT_LE: self = .lessThanOrEqual
        default: self = .other
        }
    }
}

/// The planner's question to `VirtualTable.bestIndex`, and the place to write the answer.
public final class IndexInfo {
    let info: UnsafeMutablePointer<sqlite3_index_info>

    init(_ info: UnsafeMutablePointer<sqlite3_index_info>) { self.info = info }

    /// One constraint of the WHERE clause.
    public struct Constraint: Sendable {
        /// Its position, to pass back to `use(_:argumentIndex:)`.
        public let index: Int32
        /// The 0-based column it constrains (-1 for rowid).
        public let column: Int32
        /// The operator.
        public let op: ConstraintOperator
        /// False when SQLite cannot use this constraint in this plan.
        public let isUsable: Bool
        /// The collating sequence the comparison uses (`BINARY`, `NOCASE`, `RTRIM`, …).
        public let collation: String
    }

    /// The constraints SQLite offers.
    public var constraints: [Constraint] {
        (0..<info.pointee.nConstraint).map { i in
            let c = info.pointee.aConstraint[Int(i)]
            // "sqlite3_vtab_collation(P,N) … returns the name of the collating sequence that should be used
            // by the N-th constraint"; only valid inside xBestIndex, which is where this is called.
            let collation = sqlite3_vtab_collation(info, i).map { String(cString: $0) } ?? "BINARY"
            return Constraint(
                index: i, column: c.iColumn, op: ConstraintOperator(c.op), isUsable: c.usable != 0,
                collation: collation)
        }
    }

    /// Asks SQLite to pass constraint `index`'s value as filter argument `argumentIndex` (1-based).
    /// SQLite still checks the constraint on every row (`omit` stays 0), so a plan can never be wrong.
    public func use(_ index: Int32, argumentIndex: Int32) {
        info.pointee.aConstraintUsage[Int(index)].argvIndex = argumentIndex
        info.pointee.aConstraintUsage[Int(index)].omit = 0
    }

    /// True when constraint `index` is an `IN (…)` that can be passed as one list; requests it if so.
    ///
    /// "sqlite3_vtab_in(P,N,F) … If F>=1, then the xFilter method will receive the entire list at once."
    public func requestWholeList(_ index: Int32) -> Bool {
        guard sqlite3_vtab_in(info, index, -1) != 0 else { return false }
        sqlite3_vtab_in(info, index, 1)
        return true
    }

    /// The plan number passed back to `filter`.
    public var indexNumber: Int32 {
        get { info.pointee.idxNum }
        set { info.pointee.idxNum = newValue }
    }

    /// The plan string passed back to `filter`.
    public func setIndexString(_ string: String) {
        if info.pointee.needToFreeIdxStr != 0 { sqlite3_free(info.pointee.idxStr) }
        info.pointee.idxStr = sqliteCopy(string)
        info.pointee.needToFreeIdxStr = 1
    }

    /// Bit N set: the statement reads column N (bit 63: some column ≥ 63).
    public var columnsUsed: UInt64 { UInt64(info.pointee.colUsed) }

    /// The estimated cost of the plan (lower wins).
    public var estimatedCost: Double {
        get { info.pointee.estimatedCost }
        set { info.pointee.estimatedCost = newValue }
    }

    /// The estimated number of rows.
    public var estimatedRows: Int64 {
        get { info.pointee.estimatedRows }
        set { info.pointee.estimatedRows = newValue }
    }
}

/// Where a cursor writes one column value. Valid only during `VirtualTableCursor.column`.
public struct ResultContext {
    let context: OpaquePointer

    /// Sets an integer.
    @inline(__always) public func set(_ value: Int64) { sqlite3_result_int64(context, value) }
    /// Sets a double.
    @inline(__always) public func set(_ value: Double) { sqlite3_result_double(context, value) }
    /// Sets NULL.
    @inline(__always) public func setNull() { sqlite3_result_null(context) }
    /// Sets text, copied by SQLite.
    public func set(_ value: String) {
        var value = value
        value.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                bmrs_sqlite3_result_text_transient(context, $0.baseAddress ?? emptyCString, Int32($0.count))
            }
        }
    }
    /// Sets text from bytes that stay valid and unchanged until the connection closes (not copied).
    @inline(__always) public func set(staticText: UnsafePointer<CChar>, count: Int) {
        sqlite3_result_text(context, staticText, Int32(count), nil)
    }
    /// Sets text from UTF-8 bytes, copied by SQLite.
    @inline(__always) public func set(transientText: UnsafePointer<CChar>, count: Int) {
        bmrs_sqlite3_result_text_transient(context, transientText, Int32(count))
    }
    /// Sets an error for this value.
    public func setError(_ message: String) { sqlite3_result_error(context, message, -1) }
}

extension SQLiteValue {
    init(_ value: OpaquePointer?) {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: self = .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: self = .real(sqlite3_value_double(value))
        case SQLITE_TEXT:
            let count = Int(sqlite3_value_bytes(value))
            if let pointer = sqlite3_value_text(value) {
                self = .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
            } else {
                self = .text("")
            }
        case SQLITE_BLOB:
            let count = Int(sqlite3_value_bytes(value))
            if count > 0, let pointer = sqlite3_value_blob(value) {
                self = .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
            } else {
                self = .blob([])
            }
        default: self = .null
        }
    }
}
