/// One column of a result: its name and its BigQuery type name (`INT64`, `FLOAT64`, `STRING`, `DATE`, …).
public struct ResultColumn: Sendable, Equatable {
    /// The column's name as the statement spells it.
    public var name: String
    /// The BigQuery type name.
    public var type: String

    /// A column named `name` of BigQuery type `type`.
    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}

/// A typed value in a result row or a query parameter.
public enum QueryValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case real(Double)
    case text(String)
    case bytes([UInt8])

    /// Whether the value is a number (aligned right in tables, plotted on charts).
    public var isNumeric: Bool {
        switch self {
        case .integer, .real: return true
        default: return false
        }
    }

    /// The value as a double, for charts: numbers as they are, booleans as 0 or 1.
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
}

/// A named query parameter (`@name` in the SQL), set with `.parameter set NAME TYPE VALUE`.
public struct QueryParameter: Sendable, Equatable {
    /// The name without the `@`.
    public var name: String
    /// The BigQuery type name.
    public var type: String
    /// The value.
    public var value: QueryValue

    /// A parameter `@name` of BigQuery type `type`.
    public init(name: String, type: String, value: QueryValue) {
        self.name = name
        self.type = type
        self.value = value
    }
}

/// What running one statement read: shown by `.timer on`.
public struct RunStatistics: Sendable, Equatable {
    /// Rows the statement returned.
    public var rowsReturned = 0
    /// Daily partitions the statement read.
    public var partitionsRead = 0
    /// Stored rows the statement scanned.
    public var rowsScanned = 0
    /// Bytes BigQuery would bill for the statement, when the runner knows.
    public var billedBytes: Int64?

    /// Statistics with every count zero.
    public init() {}
}

/// Stops the running statement from another thread (Ctrl-C).
public struct QueryCancellation: Sendable {
    private let body: @Sendable () -> Void

    /// A cancellation that calls `body`, which must be safe to call from any thread at any time.
    public init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    /// Asks the running statement to stop; it then fails with an error.
    public func cancel() { body() }
}

/// Runs one SQL statement for the shell. Today's runner speaks SQLite's dialect (`SQLiteStatementRunner`); the
/// BigQuery SQL front end plugs in by implementing this protocol and being passed to `Shell`.
public protocol StatementRunner: AnyObject {
    /// The dialect's name, for `.help` and messages ("SQLite", "BigQuery").
    var dialect: String { get }

    /// Runs one statement with `parameters` bound to its `@name`s: `columns` once before the first row (also
    /// for an empty result), then `row` per row (the array may be reused between calls).
    func run(
        sql: String, parameters: [QueryParameter], columns: ([ResultColumn]) throws -> Void,
        row: ([QueryValue]) throws -> Void
    ) throws -> RunStatistics

    /// Runs one statement as `run` does, but hands its rows as CSV text as the `csv` mode prints it: `rows` gets
    /// the text (no header) in pieces, in order, which may end inside a line; a large result so costs no value per
    /// cell. The default writes the values `run` gives.
    func runCSV(
        sql: String, parameters: [QueryParameter], columns: ([ResultColumn]) throws -> Void,
        rows: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> RunStatistics

    /// The bill for a statement without running it: bytes processed, partitions read, as text.
    func dryRun(sql: String, parameters: [QueryParameter]) throws -> String

    /// The SQLite SQL that a statement runs as.
    func translate(sql: String, parameters: [QueryParameter]) throws -> String

    /// Cancels the running statement from any thread.
    var cancellation: QueryCancellation { get }
}

extension StatementRunner {
    public func runCSV(
        sql: String, parameters: [QueryParameter], columns: ([ResultColumn]) throws -> Void,
        rows: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> RunStatistics {
        var line: [UInt8] = []
        return try run(sql: sql, parameters: parameters, columns: columns) { values in
            line.removeAll(keepingCapacity: true)
            for (i, value) in values.enumerated() {
                if i > 0 { line.append(44) }
                ValueText.appendCSV(value, to: &line)
            }
            line.append(10)
            try line.withUnsafeBytes { try rows($0) }
        }
    }
}
