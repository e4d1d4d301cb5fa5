import BigQueryFunctions
import BigQuerySQL
import Foundation
import Rows
import SQLite
import Store

/// A real store holding three real FUELHH days (2018-01-01, the spring clock change 2018-03-25 with 46
/// periods, the autumn one 2018-10-28 with 50), and helpers to run BigQuery SQL on it.
public final class QueryFixture: @unchecked Sendable {
    // Safe: the warehouse is used under `lock` only.
    public static let shared = QueryFixture()

    public let directory = TemporaryDirectory()
    public let warehouse: Warehouse?
    public let lock = NSLock()
    public let loadError: String?

    public init() {
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
    public static func has(_ name: String) -> Bool {
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

    public struct Statistics: PartitionStatistics {
        let warehouse: Warehouse
        public init(warehouse: Warehouse) { self.warehouse = warehouse }
        public func partitions(ofTable table: String) throws -> [PartitionStatistic] {
            try warehouse.partitions(of: try warehouse.schema(named: table)).map {
                PartitionStatistic(date: $0.date, rowCount: $0.rowCount, logicalBytes: $0.logicalBytes)
            }
        }
    }

    /// The clock queries run at: 2018-10-28 12:00:00 UTC (the autumn clock-change day of the fixture).
    public static let now: Int64 = 1_540_728_000_000_000

    /// Translates `sql` (errors come back as BigQuery prints them).
    public func translate(_ sql: String, parameters: [QueryParameter] = []) throws -> TranslatedQuery {
        guard let warehouse else { throw TestFailure(loadError ?? "no store") }
        // Translating reads partition statistics on the store's connection, which is not for two threads at once.
        lock.lock()
        defer { lock.unlock() }
        return try BigQueryTranslator(catalog: warehouse.catalog, now: Self.now).translate(
            sql, parameters: parameters, statistics: Statistics(warehouse: warehouse))
    }

    /// The bill of a translation, from the store's partition statistics (read under the lock).
    public func bill(_ translated: TranslatedQuery) throws -> QueryBill {
        guard let warehouse else { throw TestFailure(loadError ?? "no store") }
        lock.lock()
        defer { lock.unlock() }
        return try QueryBill(for: translated, statistics: Statistics(warehouse: warehouse))
    }

    /// Runs BigQuery SQL; each value printed as bq prints it in CSV (`nil` for NULL).
    public func rows(_ sql: String, parameters: [QueryParameter] = []) throws -> [[String?]] {
        let translated = try translate(sql, parameters: parameters)
        guard let warehouse else { throw TestFailure(loadError ?? "no store") }
        lock.lock()
        defer { lock.unlock() }
        return try Self.run(translated, on: warehouse)
    }

    /// Runs a translation on `warehouse`; each value printed as bq prints it in CSV (`nil` for NULL).
    public static func run(_ translated: TranslatedQuery, on warehouse: Warehouse) throws -> [[String?]] {
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
    public func row(_ sql: String) throws -> [String?] {
        try rows(sql).first ?? []
    }

    /// The error running `sql` raises (translation or run time), or `nil` when it runs.
    public func runError(_ sql: String) -> String? {
        do {
            _ = try rows(sql)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The translation error of `sql` as BigQuery prints it, or `nil` when it translates.
    public func error(_ sql: String) -> String? {
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

extension StoredValue {
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
