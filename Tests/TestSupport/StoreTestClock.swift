import SQLite
import Store

/// Opens the store at `path` for writing with its clock at 01:00 UTC on `today`, so that 2018 days can be
/// recent (inside the restatement window) or old as a test needs.
public func openStore(_ path: String, today: String) throws -> Warehouse {
    let store = try Warehouse(path: path, access: .write)
    store.now = { micros(today) + 3_600_000_000 }
    return store
}

/// The rows of `sql`, run through the store's virtual tables.
public func queryRows(_ store: Warehouse, _ sql: String) throws -> [[ResultValue]] {
    var result: [[ResultValue]] = []
    try store.query(sql: sql, columns: { _ in }, row: { result.append($0.values) })
    return result
}

extension SQLiteValue {
    /// A query's result value as SQLite's own, to compare with rows read through the connection.
    public init(_ value: ResultValue) {
        switch value {
        case .null: self = .null
        case .integer(let i): self = .integer(i)
        case .real(let d): self = .real(d)
        case .text(let s): self = .text(s)
        case .blob(let b): self = .blob(b)
        }
    }
}
