import SQLite

/// Stops the query a warehouse is running, from any thread: what Ctrl-C calls.
///
/// The running `Warehouse.query` then fails with a `StoreError` ("interrupted"); a call while nothing runs does no
/// harm. The interrupter keeps the warehouse's connection open as long as it lives.
public struct QueryInterrupter: Sendable {
    private let interrupter: DatabaseInterrupter

    init(_ interrupter: DatabaseInterrupter) {
        self.interrupter = interrupter
    }

    /// Makes the running statement, if any, stop as soon as possible with an error.
    public func interrupt() {
        interrupter.interrupt()
    }
}

extension Warehouse {
    /// A handle that stops this warehouse's running query from any thread.
    public var interrupter: QueryInterrupter {
        QueryInterrupter(DatabaseInterrupter(database))
    }
}
