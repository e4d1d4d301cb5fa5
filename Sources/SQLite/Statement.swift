import CSQLite

/// A compiled SQL statement. Finalized in `deinit`.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text this statement was compiled from.
    public let sql: String
    let database: Database

    init(database: Database, sql: String) throws(SQLiteError) {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw SQLiteError(
                code: rc == SQLITE_OK ? SQLITE_MISUSE : rc,
                message: rc == SQLITE_OK ? "empty statement" : database.lastErrorMessage, sql: sql)
        }
        handle = stmt
        self.sql = sql
        self.database = database
    }

    init(database: Database, handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Advances to the next row; false when the statement is done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw SQLiteError(code: rc, message: database.lastErrorMessage, sql: sql)
    }

    /// Resets the statement so it can run again, keeping bindings.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Resets the statement and clears every binding.
    public func clear() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds `values` to parameters 1, 2, ... in order.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Binds one value to the 1-based parameter `index`.
    public func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        switch value {
        case .null: try bindNull(at: index)
        case .integer(let i): try bind(i, at: index)
        case .real(let d): try bind(d, at: index)
        case .text(let s): try bind(s, at: index)
        case .blob(let b): try bind(blob: b, at: index)
        }
    }

    /// Binds an integer.
    public func bind(_ value: Int64, at index: Int32) throws(SQLiteError) {
        try database.check(sqlite3_bind_int64(handle, index, value), sql: sql)
    }

    /// Binds a double.
    public func bind(_ value: Double, at index: Int32) throws(SQLiteError) {
        try database.check(sqlite3_bind_double(handle, index, value), sql: sql)
    }

    /// Binds text (copied).
    public func bind(_ value: String, at index: Int32) throws(SQLiteError) {
        var value = value
        let rc = value.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                bmrs_sqlite3_bind_text_transient(handle, index, $0.baseAddress ?? emptyCString, Int32($0.count))
            }
        }
        try database.check(rc, sql: sql)
    }

    /// Binds a blob (copied).
    public func bind(blob: [UInt8], at index: Int32) throws(SQLiteError) {
        let rc = blob.withUnsafeBytes { buffer in
            bmrs_sqlite3_bind_blob_transient(
                handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(buffer.count))
        }
        try database.check(rc, sql: sql)
    }

    /// Binds SQL NULL.
    public func bindNull(at index: Int32) throws(SQLiteError) {
        try database.check(sqlite3_bind_null(handle, index), sql: sql)
    }

    /// Number of result columns.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The name of result column `index` (0-based).
    public func columnName(at index: Int32) -> String {
        sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
    }

    /// The declared type of result column `index`, when it comes straight from a table column.
    public func declaredType(at index: Int32) -> String? {
        sqlite3_column_decltype(handle, index).map { String(cString: $0) }
    }

    /// Reads the first `cells.count` columns of the current row into `cells` in one pass: each column's storage
    /// class and value, text and blob bytes pointing into SQLite's buffer (valid until the statement steps, resets
    /// or is finalized). A cell past `columnCount` reads as NULL.
    public func readRow(into cells: UnsafeMutableBufferPointer<ColumnCell>) {
        for index in cells.indices {
            // One call into the statement per column; the value's own accessors take no lock. sqlite3_column_value
            // gives an "unprotected" value, which only the value functions that lock need to avoid: connections are
            // opened with SQLITE_OPEN_NOMUTEX, where "there is no distinction between protected and unprotected
            // sqlite3_value objects". A column past the end gives NULL (SQLite's rule).
            guard let value = sqlite3_column_value(handle, Int32(truncatingIfNeeded: index)) else {
                cells[index] = ColumnCell()
                continue
            }
            switch sqlite3_value_type(value) {
            case SQLITE_INTEGER:
                cells[index] = ColumnCell(integer: sqlite3_value_int64(value))
            case SQLITE_FLOAT:
                cells[index] = ColumnCell(real: sqlite3_value_double(value))
            case let type where type == SQLITE_TEXT || type == SQLITE_BLOB:
                // "call sqlite3_value_blob() first, then sqlite3_value_bytes()" (no conversion happens between).
                let pointer = sqlite3_value_blob(value)
                let count = Int(sqlite3_value_bytes(value))
                cells[index] = ColumnCell(
                    kind: type == SQLITE_TEXT ? .text : .blob,
                    bytes: UnsafeRawBufferPointer(start: count > 0 ? pointer : nil, count: count))
            default:
                cells[index] = ColumnCell()
            }
        }
    }

    /// True when column `index` of the current row is NULL.
    public func isNull(at index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// Column `index` of the current row as an integer.
    public func int64(at index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// Column `index` of the current row as a double.
    public func double(at index: Int32) -> Double { sqlite3_column_double(handle, index) }

    /// Column `index` of the current row as text ("" for NULL).
    public func text(at index: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, index) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Column `index` of the current row as bytes.
    public func blob(at index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let pointer = sqlite3_column_blob(handle, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Calls `body` with the bytes of column `index` without copying them.
    public func withBlob<T>(at index: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let count = Int(sqlite3_column_bytes(handle, index))
        let pointer = sqlite3_column_blob(handle, index)
        return try body(UnsafeRawBufferPointer(start: count > 0 ? pointer : nil, count: count))
    }

    /// The storage class of column `index` of the current row (`sqlite3_column_type`: "the datatype code for the
    /// initial data type of the result column"; call it before any conversion of the same column).
    public func storageClass(at index: Int32) -> SQLiteValue.StorageClass {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer
        case SQLITE_FLOAT: return .real
        case SQLITE_TEXT: return .text
        case SQLITE_BLOB: return .blob
        default: return .null
        }
    }

    /// Column `index` of the current row as a typed value.
    public func value(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(int64(at: index))
        case SQLITE_FLOAT: return .real(double(at: index))
        case SQLITE_TEXT: return .text(text(at: index))
        case SQLITE_BLOB: return .blob(blob(at: index))
        default: return .null
        }
    }

    /// True when the statement only reads (SELECT, most PRAGMAs).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }
}

/// One column of a statement's current row, as `Statement.readRow(into:)` reads it: the storage class and the
/// value; `bytes` (TEXT's UTF-8 or a BLOB) point into SQLite's buffer and are valid only while the row is.
public struct ColumnCell {
    /// The storage class.
    public let kind: SQLiteValue.StorageClass
    /// The value of an INTEGER, else 0.
    public let integer: Int64
    /// The value of a REAL, else 0.
    public let real: Double
    /// The bytes of TEXT or a BLOB, else empty.
    public let bytes: UnsafeRawBufferPointer

    /// A NULL cell.
    public init() {
        self.init(kind: .null, bytes: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// An INTEGER cell.
    public init(integer: Int64) {
        kind = .integer
        self.integer = integer
        real = 0
        bytes = UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// A REAL cell.
    public init(real: Double) {
        kind = .real
        integer = 0
        self.real = real
        bytes = UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// A TEXT or BLOB cell (or NULL) over `bytes`.
    public init(kind: SQLiteValue.StorageClass, bytes: UnsafeRawBufferPointer) {
        self.kind = kind
        integer = 0
        real = 0
        self.bytes = bytes
    }
}
