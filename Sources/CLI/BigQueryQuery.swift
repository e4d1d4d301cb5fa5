import BigQuerySQL
import FoundationEssentials
import Store

/// The store's partition records, as the BigQuery front end reads them for bills and INFORMATION_SCHEMA.
struct WarehousePartitionStatistics: PartitionStatistics {
    let warehouse: Warehouse

    func partitions(ofTable table: String) throws -> [PartitionStatistic] {
        try warehouse.partitions(of: try warehouse.schema(named: table)).map {
            PartitionStatistic(date: $0.date, rowCount: $0.rowCount, logicalBytes: $0.logicalBytes)
        }
    }
}

/// `bmrs query` in BigQuery's dialect: translate, bill, run, print by type.
struct BigQueryQueryRunner {
    let warehouse: Warehouse
    let format: OutputFormat
    let parameters: [QueryParameter]
    let stats: Bool

    /// Translates and runs a script of queries (or only bills them with `dryRun`).
    func run(_ text: String, dryRun: Bool) throws {
        let statistics = WarehousePartitionStatistics(warehouse: warehouse)
        let started = Date()
        let script = try translate(text, statistics: statistics)
        var translation = Date().timeIntervalSince(started) * 1000
        if stats {
            // A second, warm translation: what translating costs inside a long-running process.
            let again = Date()
            _ = try translate(text, statistics: statistics)
            translation = Date().timeIntervalSince(again) * 1000
        }
        for (index, translated) in script.enumerated() {
            if dryRun {
                let bill = try QueryBill(for: translated, statistics: statistics)
                let output = StandardOutput()
                output.write(bill.validationLine + "\n" + bill.detailLine + "\n")
                output.flush()
                for warning in translated.warnings { printError("Warning: " + warning) }
                if stats { printError("translated in \(NumberText.fixed(translation, digits: 3)) ms") }
                continue
            }
            if index > 0 && (format == .table || format == .pretty || format == .markdown) {
                let output = StandardOutput()
                output.write("\n")
                output.flush()
            }
            let queryStarted = Date()
            var renderer = TypedResultRenderer(format: format, columns: translated.columns)
            do {
                try warehouse.query(sql: translated.sql) { _ in
                } row: { row in
                    renderer.add(row: row)
                }
            } catch let error as StoreError {
                throw Self.withoutEmittedSQL(error)
            }
            renderer.finish()
            if stats {
                // Timed before the bill is computed: the bill reads every partition record of the table.
                let milliseconds = (Date().timeIntervalSince(queryStarted) * 1000) + translation
                let bill = try QueryBill(for: translated, statistics: statistics)
                let s = warehouse.scanStatistics
                printError(
                    "\(s.partitionsRead) partition(s) read, \(s.rowsRead) row(s) scanned, "
                        + "\(bill.bytesProcessed) bytes processed, \(bill.bytesBilled) bytes billed, translated in "
                        + "\(NumberText.fixed(translation, digits: 3)) ms, \(NumberText.fixed(milliseconds, digits: 1)) ms"
                )
            }
        }
    }

    /// A run-time error (`division by zero: 1 / 0`) as BigQuery words it, without the emitted SQLite statement
    /// the store's message quotes: the analyst wrote BigQuery SQL and never saw that statement.
    static func withoutEmittedSQL(_ error: StoreError) -> StoreError {
        guard error.message.hasPrefix("the query ("), let range = error.message.firstRange(of: ") failed: ") else {
            return error
        }
        return StoreError(error.code, String(error.message[range.upperBound...]))
    }

    private func translate(_ text: String, statistics: PartitionStatistics) throws -> [TranslatedQuery] {
        do {
            return try BigQueryTranslator(catalog: warehouse.catalog, now: warehouse.now()).translateScript(
                text, parameters: parameters, statistics: statistics)
        } catch {
            throw StoreError(.usage, error.description)
        }
    }

    /// Parses `--parameter name:TYPE:value` options.
    static func parameters(_ texts: [String]) throws -> [QueryParameter] {
        var result: [QueryParameter] = []
        for text in texts {
            do {
                result.append(try QueryParameter(parsing: text))
            } catch {
                throw StoreError(.usage, error.message)
            }
        }
        return result
    }
}
