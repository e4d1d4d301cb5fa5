import SQLite
import Store

/// Runs SQLite-dialect statements through `Warehouse.query`: the runner until the BigQuery front end lands.
///
/// Parameters are written into the SQL as literals (`@day` becomes `'2018-01-01'`).
/// Column types are read from the first row's values (`INT64`, `FLOAT64`, `STRING`, `BYTES`).
public final class SQLiteStatementRunner: StatementRunner {
    private let warehouse: Warehouse
    /// A connection interrupter: `sqlite3_interrupt` is the one call SQLite allows from another thread.
    public let cancellation: QueryCancellation

    /// A runner over `warehouse`.
    public init(warehouse: Warehouse) {
        self.warehouse = warehouse
        let interrupter = warehouse.interrupter
        cancellation = QueryCancellation { interrupter.interrupt() }
    }

    /// "SQLite".
    public var dialect: String { "SQLite" }

    /// Runs `sql` (one statement) and reports its rows with types guessed from the first row.
    public func run(
        sql: String, parameters: [QueryParameter], columns: ([ResultColumn]) throws -> Void,
        row: ([QueryValue]) throws -> Void
    ) throws -> RunStatistics {
        let text = try ParameterSubstitution.apply(parameters, to: sql)
        var statistics = RunStatistics()
        var names: [String]? = nil
        var values: [QueryValue] = []
        try warehouse.query(sql: text) { columnNames in
            if let pending = names { try columns(pending.map { ResultColumn(name: $0, type: "STRING") }) }
            names = columnNames
            values = [QueryValue](repeating: .null, count: columnNames.count)
        } row: { raw in
            if let pending = names {
                try columns(zip(pending, raw).map { ResultColumn(name: $0, type: Self.typeName($1)) })
                names = nil
            }
            for i in raw.indices where i < values.count { values[i] = Self.value(raw[i]) }
            statistics.rowsReturned += 1
            try row(values)
        }
        if let pending = names { try columns(pending.map { ResultColumn(name: $0, type: "STRING") }) }
        statistics.partitionsRead = warehouse.scanStatistics.partitionsRead
        statistics.rowsScanned = warehouse.scanStatistics.rowsRead
        return statistics
    }

    /// SQLite's dialect has no bill: says so.
    public func dryRun(sql: String, parameters: [QueryParameter]) throws -> String {
        throw ShellError("the bill (.dryrun, .cost) needs the BigQuery SQL dialect; this build runs SQLite SQL as is")
    }

    /// SQLite SQL needs no translation: says so.
    public func translate(sql: String, parameters: [QueryParameter]) throws -> String {
        throw ShellError("translation (.translate) needs the BigQuery SQL dialect; this build runs SQLite SQL as is")
    }

    private static func typeName(_ value: SQLiteValue) -> String {
        switch value {
        case .null, .text: return "STRING"
        case .integer: return "INT64"
        case .real: return "FLOAT64"
        case .blob: return "BYTES"
        }
    }

    private static func value(_ value: SQLiteValue) -> QueryValue {
        switch value {
        case .null: return .null
        case .integer(let i): return .integer(i)
        case .real(let d): return .real(d)
        case .text(let s): return .text(s)
        case .blob(let b): return .bytes(b)
        }
    }
}
