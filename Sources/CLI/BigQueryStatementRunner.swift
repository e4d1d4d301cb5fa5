import BigQuerySQL
import REPL
import Store

/// The shell's runner in BigQuery's dialect: each statement is translated by the BigQuery SQL front end, billed
/// as BigQuery would bill it, run on the store's read-only connection, and its values typed for display.
final class BigQueryStatementRunner: StatementRunner {
    private let warehouse: Warehouse
    let cancellation: QueryCancellation

    /// A runner over `warehouse`.
    init(warehouse: Warehouse) {
        self.warehouse = warehouse
        let interrupter = warehouse.interrupter
        cancellation = QueryCancellation { interrupter.interrupt() }
    }

    var dialect: String { "BigQuery" }

    func run(
        sql: String, parameters: [REPL.QueryParameter], columns: ([REPL.ResultColumn]) throws -> Void,
        row: ([QueryValue]) throws -> Void
    ) throws -> RunStatistics {
        let statistics = WarehousePartitionStatistics(warehouse: warehouse)
        let translated = try translate(sql, parameters: parameters, statistics: statistics)
        let types = translated.columns.map(\.type)
        try columns(translated.columns.map { REPL.ResultColumn(name: $0.name, type: $0.type.description) })
        var result = RunStatistics()
        var values = [QueryValue](repeating: .null, count: types.count)
        do {
            try warehouse.query(sql: translated.sql) { _ in
            } row: { raw in
                raw.withCells { cells in
                    for index in types.indices where index < cells.count {
                        values[index] = Self.display(TypedCell.stored(cells[index]), types[index])
                    }
                }
                result.rowsReturned += 1
                try row(values)
            }
        } catch let error as StoreError {
            throw BigQueryQueryRunner.withoutEmittedSQL(error)
        }
        return try finished(result, translated, statistics)
    }

    /// CSV as `bmrs query --format csv` writes it, byte by byte from the store's row (`TypedCell`).
    func runCSV(
        sql: String, parameters: [REPL.QueryParameter], columns: ([REPL.ResultColumn]) throws -> Void,
        rows: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> RunStatistics {
        let statistics = WarehousePartitionStatistics(warehouse: warehouse)
        let translated = try translate(sql, parameters: parameters, statistics: statistics)
        try columns(translated.columns.map { REPL.ResultColumn(name: $0.name, type: $0.type.description) })
        let cells = translated.columns.map { TypedCell($0.type) }
        var result = RunStatistics()
        // The first error of `rows` stops the query (through the interrupter) and is the one thrown.
        var failure: (any Error)?
        let interrupter = warehouse.interrupter
        do {
            try withoutActuallyEscaping(rows) { rows in
                let output = StandardOutput { bytes in
                    guard failure == nil else { return }
                    do { try rows(bytes) } catch {
                        failure = error
                        interrupter.interrupt()
                    }
                }
                try warehouse.query(sql: translated.sql) { _ in
                } row: { raw in
                    raw.withCells {
                        TypedResultRenderer.writeCSV($0, cells: cells, columns: translated.columns, into: output)
                    }
                    result.rowsReturned += 1
                }
                output.flush()
            }
        } catch let error as StoreError {
            if let failure { throw failure }
            throw BigQueryQueryRunner.withoutEmittedSQL(error)
        }
        if let failure { throw failure }
        return try finished(result, translated, statistics)
    }

    /// `result` with what the statement read and what BigQuery would bill for it.
    private func finished(
        _ result: RunStatistics, _ translated: TranslatedQuery, _ statistics: PartitionStatistics
    ) throws -> RunStatistics {
        var result = result
        result.partitionsRead = warehouse.scanStatistics.partitionsRead
        result.rowsScanned = warehouse.scanStatistics.rowsRead
        result.billedBytes = Int64(try QueryBill(for: translated, statistics: statistics).bytesBilled)
        return result
    }

    func dryRun(sql: String, parameters: [REPL.QueryParameter]) throws -> String {
        let statistics = WarehousePartitionStatistics(warehouse: warehouse)
        let translated = try translate(sql, parameters: parameters, statistics: statistics)
        let bill = try QueryBill(for: translated, statistics: statistics)
        return ([bill.validationLine, bill.detailLine] + translated.warnings.map { "Warning: " + $0 })
            .joined(separator: "\n")
    }

    func translate(sql: String, parameters: [REPL.QueryParameter]) throws -> String {
        try translate(sql, parameters: parameters, statistics: WarehousePartitionStatistics(warehouse: warehouse)).sql
    }

    private func translate(
        _ sql: String, parameters: [REPL.QueryParameter], statistics: PartitionStatistics
    ) throws -> TranslatedQuery {
        do {
            let bound = try parameters.map { parameter in
                try BigQuerySQL.QueryParameter(
                    parsing: "\(parameter.name):\(parameter.type):\(Self.parameterText(parameter.value))")
            }
            let script = try BigQueryTranslator(catalog: warehouse.catalog, now: warehouse.now()).translateScript(
                sql, parameters: bound, statistics: statistics)
            guard script.count == 1, let only = script.first else {
                throw StoreError(.usage, "the shell runs one statement at a time (\(script.count) given)")
            }
            return only
        } catch let error as BigQuerySQLError {
            throw StoreError(.usage, error.description)
        }
    }

    /// A parameter's value as bq's `--parameter` writes it (`NULL` for NULL).
    private static func parameterText(_ value: QueryValue) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .real(let number): return "\(number)"
        case .text(let text): return text
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// A stored value as the shell shows it: numbers stay numbers (aligned right, chartable), BOOL a boolean,
    /// everything else the text `bq` prints for its type.
    private static func display(_ value: StoredValue, _ type: SQLType) -> QueryValue {
        switch (value, type) {
        case (.null, _): return .null
        case (.integer(let number), .int64): return .integer(number)
        case (.integer(let number), .bool): return .bool(number != 0)
        case (.integer(let number), .float64): return .real(Double(number))
        case (.real(let number), .float64): return .real(number)
        default: return ResultValueFormatter.text(value, type).map(QueryValue.text) ?? .null
        }
    }
}
