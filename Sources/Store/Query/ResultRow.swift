import SQLite

/// The row a running query stands on: typed access to its columns, read straight from SQLite.
///
/// `Warehouse.query` lends it to its `row` callback, once per row; it cannot be copied, so it cannot outlive the
/// row. Reading a column copies nothing until a `String` or `ResultValue` is asked for: numbers come as they are,
/// text and blob bytes through `withBytes(at:_:)` point into SQLite's buffer. An index outside `0..<count` reads
/// as NULL (SQLite's own rule for out-of-range columns), never traps.
public struct ResultRow: ~Copyable {
    private let statement: Statement
    /// The number of columns.
    public let count: Int
    /// Where `withCells` reads the row: one cell per column, allocated once per statement.
    private let cells: UnsafeMutableBufferPointer<ResultCell>

    init(_ statement: Statement, count: Int) {
        self.statement = statement
        self.count = count
        cells = .allocate(capacity: count)
        cells.initialize(repeating: ResultCell())
    }

    deinit { cells.deallocate() }

    /// Calls `body` with every column of the row read in one pass (one call into SQLite per row rather than
    /// several per column): the fastest way through a large result. Text and blob bytes point into SQLite's
    /// buffer and are valid only during the call.
    public func withCells<T>(_ body: (UnsafeBufferPointer<ResultCell>) throws -> T) rethrows -> T {
        statement.readRow(into: cells)
        return try body(UnsafeBufferPointer(cells))
    }

    /// The storage class of column `index`.
    public func kind(at index: Int) -> ResultValue.Kind {
        guard let column = column(index) else { return .null }
        switch statement.storageClass(at: column) {
        case .null: return .null
        case .integer: return .integer
        case .real: return .real
        case .text: return .text
        case .blob: return .blob
        }
    }

    /// Whether column `index` is NULL.
    public func isNull(at index: Int) -> Bool { kind(at: index) == .null }

    /// Column `index` when it holds an INTEGER; nil for any other storage class.
    public func integer(at index: Int) -> Int64? {
        guard let column = column(index), statement.storageClass(at: column) == .integer else { return nil }
        return statement.int64(at: column)
    }

    /// Column `index` when it holds a REAL; nil for any other storage class.
    public func real(at index: Int) -> Double? {
        guard let column = column(index), statement.storageClass(at: column) == .real else { return nil }
        return statement.double(at: column)
    }

    /// Column `index` when it holds an INTEGER or a REAL, as a double; nil otherwise.
    public func number(at index: Int) -> Double? {
        guard let column = column(index) else { return nil }
        switch statement.storageClass(at: column) {
        case .integer: return Double(statement.int64(at: column))
        case .real: return statement.double(at: column)
        default: return nil
        }
    }

    /// Column `index` when it holds TEXT, as a `String`; nil for any other storage class.
    public func text(at index: Int) -> String? {
        guard let column = column(index), statement.storageClass(at: column) == .text else { return nil }
        return statement.text(at: column)
    }

    /// Calls `body` with the bytes of column `index` without copying them: the UTF-8 of TEXT, the bytes of a BLOB,
    /// SQLite's text form of a number, nothing for NULL. The bytes are valid only during the call.
    public func withBytes<T>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        guard let column = column(index) else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        // sqlite3_column_blob gives TEXT's bytes as they are and a number's text form, without a type check.
        return try statement.withBlob(at: column, body)
    }

    /// Column `index` copied out as a value.
    public func value(at index: Int) -> ResultValue {
        guard let column = column(index) else { return .null }
        switch statement.value(at: column) {
        case .null: return .null
        case .integer(let i): return .integer(i)
        case .real(let d): return .real(d)
        case .text(let s): return .text(s)
        case .blob(let b): return .blob(b)
        }
    }

    /// Every column copied out, in order.
    public var values: [ResultValue] { (0..<count).map { value(at: $0) } }

    /// Every column as SQLite's own values, for code inside the store that binds them again.
    var storedValues: [SQLiteValue] { (0..<Int32(count)).map { statement.value(at: $0) } }

    private func column(_ index: Int) -> Int32? {
        index >= 0 && index < count ? Int32(index) : nil
    }
}

/// One column of a `ResultRow` read by `withCells`: its storage class (`kind`) and value (`integer`, `real`, or the
/// `bytes` of TEXT and BLOB, which point into SQLite's buffer).
public typealias ResultCell = ColumnCell

extension ResultCell {
    /// The cell copied out as a value (text decoded as UTF-8, invalid bytes mended).
    public var value: ResultValue {
        switch kind {
        case .null: return .null
        case .integer: return .integer(integer)
        case .real: return .real(real)
        case .text: return .text(String(decoding: bytes, as: UTF8.self))
        case .blob: return .blob(Array(bytes))
        }
    }
}
