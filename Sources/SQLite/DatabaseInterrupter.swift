/// Stops the statement a `Database` is running, from any thread: what Ctrl-C calls while a query runs.
///
/// `sqlite3_interrupt`: "It is safe to call this routine from a thread different from the thread that is
/// currently running the database operation. But it is not safe to call this routine with a database connection
/// that is closed or might close before sqlite3_interrupt() returns."
public struct DatabaseInterrupter: @unchecked Sendable {
    // Safe: the only thing done with the connection is `interrupt()`, which SQLite documents as callable from
    // any thread; holding the connection strongly keeps it open while any interrupter exists.
    private let database: Database

    /// An interrupter for `database`; the connection stays open as long as the interrupter lives.
    public init(_ database: Database) {
        self.database = database
    }

    /// Makes the running statement (if any) fail with SQLITE_INTERRUPT as soon as possible.
    public func interrupt() {
        database.interrupt()
    }
}
