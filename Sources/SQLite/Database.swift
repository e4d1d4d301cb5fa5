import CSQLite

/// One connection to an SQLite database file. Owns the C handle and closes it in `deinit`.
///
/// Not `Sendable`: a connection is used by one thread or actor at a time.
public final class Database {
    /// How to open the file.
    public enum Mode: Sendable {
        /// Read-only; the file must exist.
        case readOnly
        /// Read-write; the file must exist.
        case readWrite
        /// Read-write, creating the file if missing.
        case create
        /// Read-only, the file taken as unchanging (URI parameter `immutable=1`): no locks are taken and no
        /// -wal or -shm file is read or created. Only for a file that no connection is writing.
        case immutable
    }

    let handle: OpaquePointer
    /// The path the connection was opened with.
    public let path: String
    var modules: [AnyObject] = []
    var authorizerBox: AuthorizerBox?

    /// Opens (or creates) the database at `path`.
    public init(path: String, mode: Mode = .create) throws(SQLiteError) {
        var flags: Int32 = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .immutable: flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(mode == .immutable ? Self.immutableURI(path) : path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "\(message): \(path)")
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// `file:PATH?immutable=1`, every byte of the path but unreserved ones and `/` percent-encoded.
    static func immutableURI(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var uri = Array("file:".utf8)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                uri.append(byte)
            default:
                uri += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: uri + Array("?immutable=1".utf8), as: UTF8.self)
    }

    /// Runs one or more SQL statements that return no rows.
    public func execute(sql: String) throws(SQLiteError) {
        var errmsg: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errmsg)
        if rc != SQLITE_OK {
            let message = errmsg.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errmsg)
            throw SQLiteError(code: rc, message: message, sql: sql)
        }
    }

    /// Compiles one SQL statement.
    public func prepare(sql: String) throws(SQLiteError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Compiles the first statement of `sql`; returns it (nil when only comments or spaces remain) and the
    /// text after it, so a script can be run one statement at a time.
    public func prepareFirst(sql: String) throws(SQLiteError) -> (statement: Statement?, rest: String) {
        let bytes = Array(sql.utf8CString)
        var stmt: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let (rc, consumed): (Int32, Int) = bytes.withUnsafeBufferPointer { buffer in
            let rc = sqlite3_prepare_v2(handle, buffer.baseAddress, Int32(buffer.count - 1), &stmt, &tail)
            let consumed = tail.map { buffer.baseAddress!.distance(to: $0) } ?? buffer.count - 1
            return (rc, consumed)
        }
        let rest = String(decoding: bytes[consumed..<(bytes.count - 1)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard rc == SQLITE_OK else {
            let text = String(decoding: bytes[0..<consumed].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw SQLiteError(code: rc, message: lastErrorMessage, sql: text)
        }
        guard let stmt else { return (nil, "") }
        let text = String(decoding: bytes[0..<consumed].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (Statement(database: self, handle: stmt, sql: text), rest)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute(sql: "BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute(sql: "COMMIT")
            return result
        } catch {
            try? execute(sql: "ROLLBACK")
            throw error
        }
    }

    /// The first column of the first row of `sql`, or nil when there is no row.
    public func scalar(sql: String, _ arguments: SQLiteValue...) throws(SQLiteError) -> SQLiteValue? {
        let statement = try prepare(sql: sql)
        try statement.bind(arguments)
        guard try statement.step() else { return nil }
        return statement.value(at: 0)
    }

    /// Runs `sql` with `arguments` and returns every row as values.
    public func rows(sql: String, _ arguments: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
        let statement = try prepare(sql: sql)
        try statement.bind(arguments)
        var result: [[SQLiteValue]] = []
        while try statement.step() {
            result.append((0..<statement.columnCount).map { statement.value(at: $0) })
        }
        return result
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// True while a transaction is open.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Interrupts any running statement (safe to call from another thread).
    public func interrupt() { sqlite3_interrupt(handle) }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    func check(_ rc: Int32, sql: String? = nil) throws(SQLiteError) {
        if rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW {
            throw SQLiteError(code: rc, message: lastErrorMessage, sql: sql)
        }
    }

    /// The SQLite library version, e.g. "3.40.1".
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}
