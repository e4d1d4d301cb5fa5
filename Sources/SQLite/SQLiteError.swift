import CSQLite

/// An error reported by SQLite, with the result code, SQLite's message and the SQL that failed.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The primary or extended SQLite result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, ...).
    public let code: Int32
    /// SQLite's own message for the failure.
    public let message: String
    /// The SQL statement that failed, when there was one.
    public let sql: String?

    /// Creates an error from its parts.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// True when another connection holds a lock SQLite needed (`SQLITE_BUSY` or `SQLITE_LOCKED`).
    public var isBusy: Bool { (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED }

    /// True for `SQLITE_AUTH`: an authorizer refused an action of the statement.
    public var isAuthorizationDenied: Bool { (code & 0xff) == SQLITE_AUTH }

    /// True for `SQLITE_READONLY_DIRECTORY`: a file SQLite needed next to the database (a -shm or -wal) could
    /// not be created, as the directory is not writable.
    public var isReadOnlyDirectory: Bool { code == SQLITE_READONLY | (6 << 8) }  // the C macro is not imported

    /// True for `SQLITE_CANTOPEN`: a file could not be opened (or, for a WAL database, its -wal or -shm).
    public var isCannotOpen: Bool { (code & 0xff) == SQLITE_CANTOPEN }

    /// True for `SQLITE_FULL`: the disk (or the quota) is full.
    public var isDiskFull: Bool { (code & 0xff) == SQLITE_FULL }

    public var description: String {
        let text = String(cString: sqlite3_errstr(code))
        var result = "SQLite error \(code) (\(text)): \(message)"
        if let sql { result += " [SQL: \(sql.prefix(200))]" }
        return result
    }
}
