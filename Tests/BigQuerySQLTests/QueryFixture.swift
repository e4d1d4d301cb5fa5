import BigQueryFunctions
import BigQuerySQL
import Foundation
import Rows
import SQLite
import Store
import TestSupport

/// A real store holding three real FUELHH days (2018-01-01, the spring clock change 2018-03-25 with 46
/// periods, the autumn one 2018-10-28 with 50), and helpers to run BigQuery SQL on it.
final class QueryFixture: @unchecked Sendable {
    // Safe: the warehouse is used under `lock` only.
    static let shared = QueryFixture()

    let directory = TemporaryDirectory()
    let warehouse: Warehouse?
    let lock = NSLock()
    let loadError: String?

    init() {
        do {
            let store = try Warehouse(path: directory.file("store.sqlite"), access: .write)
            let fuelhh = Dataset.named("FUELHH")!
            for name in ["FUELHH_2018-01-01.json", "FUELHH_2018-03-25.stream.json.gz", "FUELHH_2018-10-28.csv"] {
                _ = try store.load(body: try TestSupport.fixtureBytes(name), source: name, dataset: fuelhh)
            }
            warehouse = store
            loadError = nil
        } catch {
            warehouse = nil
            loadError = "\(error)"
        }
    }

    /// Whether the function pack registers `name` on the store's connection.
    static func has(_ name: String) -> Bool {
        guard let warehouse = shared.warehouse else { return false }
        shared.lock.lock()
        defer { shared.lock.unlock() }
        var found = false
        try? warehouse.query(
            sql: "SELECT 1 FROM pragma_function_list WHERE name = '\(name)'", columns: { _ in },
            row: { _ in
                found = true
            })
        return found
    }

    struct Statistics: PartitionStatistics {
        let warehouse: Warehouse
        func partitions(ofTable table: String) throws -> [PartitionStatistic] {
            try warehouse.partitions(of: try warehouse.schema(named: table)).map {
                PartitionStatistic(date: $0.date, rowCount: $0.rowCount, logicalBytes: $0.logicalBytes)
            }
        }
    }

    /// The clock queries run at: 2018-10-28 12:00:00 UTC (the autumn clock-change day of the fixture).
    static let now: Int64 = 1_540_728_000_000_000

    /// Translates `sql` (errors come back as BigQuery prints them).
    func translate(_ sql: String, parameters: [QueryParameter] = []) throws -> TranslatedQuery {
        guard let warehouse else { throw TestFailure(message: loadError ?? "no store") }
        return try BigQueryTranslator(catalog: warehouse.catalog, now: Self.now).translate(
            sql, parameters: parameters, statistics: Statistics(warehouse: warehouse))
    }

    /// Runs BigQuery SQL; each value printed as bq prints it in CSV (`nil` for NULL).
    func rows(_ sql: String, parameters: [QueryParameter] = []) throws -> [[String?]] {
        let translated = try translate(sql, parameters: parameters)
        guard let warehouse else { throw TestFailure(message: loadError ?? "no store") }
        lock.lock()
        defer { lock.unlock() }
        return try Self.run(translated, on: warehouse)
    }

    /// Runs a translation on `warehouse`; each value printed as bq prints it in CSV (`nil` for NULL).
    static func run(_ translated: TranslatedQuery, on warehouse: Warehouse) throws -> [[String?]] {
        var result: [[String?]] = []
        try warehouse.query(
            sql: translated.sql, columns: { _ in },
            row: { row in
                result.append(
                    zip(row.values, translated.columns).map { value, column in
                        ResultValueFormatter.text(StoredValue(value), column.type)
                    })
            })
        return result
    }

    /// The first row of `rows(sql)`, `[]` if none.
    func row(_ sql: String) throws -> [String?] {
        try rows(sql).first ?? []
    }

    /// The error running `sql` raises (translation or run time), or `nil` when it runs.
    func runError(_ sql: String) -> String? {
        do {
            _ = try rows(sql)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The translation error of `sql` as BigQuery prints it, or `nil` when it translates.
    func error(_ sql: String) -> String? {
        do {
            _ = try translate(sql)
            return nil
        } catch let error as BigQuerySQLError {
            return error.description
        } catch {
            return "\(error)"
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension StoredValue {
    init(_ value: ResultValue) {
        switch value {
        case .null: self = .null
        case .integer(let i): self = .integer(i)
        case .real(let d): self = .real(d)
        case .text(let s): self = .text(s)
        case .blob(let b): self = .blob(b)
        }
    }
}
