import BigQuerySQL
import Foundation
import Rows
import SQLite
import Store

/// A store of generated FUELHH rows for differential tests: clock-change days (46 and 50 periods), NULL
/// generation, days sealed (column buffers, rows in clustering order) and days still hot, rows in random order.
public final class PartialAggregationStore: @unchecked Sendable {
    // Safe: the warehouse is used under `lock` only.
    public static let shared = PartialAggregationStore()

    public let directory = TemporaryDirectory()
    public let warehouse: Warehouse?
    public let loadError: String?
    public let lock = NSLock()
    /// The data's seed (`BMRS_FUZZ_SEED`), printed.
    public static let seed = SeededGenerator.fromEnvironment(test: "PartialAggregationStore").seed

    public static let days = [
        "2018-01-01", "2018-03-24", "2018-03-25", "2018-03-26", "2018-06-30", "2018-07-01", "2018-10-27", "2018-10-28",
        "2018-10-29", "2018-12-31", "2019-01-01",
    ]
    public static let fuels = ["BIOMASS", "CCGT", "INTFR", "NUCLEAR", "PS", "WIND", "OTHER"]

    public init() {
        var random = SeededGenerator(seed: Self.seed)
        do {
            let store = try Warehouse(path: directory.file("store.sqlite"), access: .write)
            let fuelhh = Dataset.named("FUELHH")!
            // Even days first, sealed; odd days after, left hot.
            for pass in 0..<2 {
                var rows: [String] = []
                for (index, day) in Self.days.enumerated() where index % 2 == pass {
                    rows += Self.rows(day: day, random: &random)
                }
                rows.shuffle(using: &random)
                let body = Array(("{\"data\":[" + rows.joined(separator: ",") + "]}").utf8)
                _ = try store.load(body: body, source: "generated-\(pass)", dataset: fuelhh)
                if pass == 0 { _ = try store.compact(olderThanDays: 0) }
            }
            warehouse = store
            loadError = nil
        } catch {
            warehouse = nil
            loadError = "\(error)"
        }
    }

    private static func rows(day: String, random: inout SeededGenerator) -> [String] {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        let dayNumber = Self.dayNumber(year: parts[0], month: parts[1], day: parts[2])
        let periods = SettlementCalendar.periods(onDay: dayNumber)
        var rows: [String] = []
        for fuel in fuels where Int.random(in: 0..<4, using: &random) > 0 {
            for period in 1...periods where Int.random(in: 0..<3, using: &random) > 0 {
                let start = SettlementCalendar.start(ofPeriod: period, on: dayNumber)
                let publish = start + Int64(Int.random(in: 0..<4, using: &random)) * 1_800_000_000
                let generation: String
                switch Int.random(in: 0..<10, using: &random) {
                case 0: generation = "null"
                case 1: generation = "0"
                case 2: generation = String(Int.random(in: 990_000...1_000_000, using: &random))
                default: generation = String(Int.random(in: 0...40_000, using: &random))
                }
                rows.append(
                    "{\"dataset\":\"FUELHH\",\"publishTime\":\"\(iso(publish))\",\"startTime\":\"\(iso(start))\","
                        + "\"settlementDate\":\"\(day)\",\"settlementPeriod\":\(period),\"fuelType\":\"\(fuel)\","
                        + "\"generation\":\(generation)}")
            }
        }
        return rows
    }

    private static func dayNumber(year: Int, month: Int, day: Int) -> Int64 {
        // Days since 1970-01-01 (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468)
    }

    private static func iso(_ micros: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(micros / 1_000_000))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { (n ?? 0) < 10 ? "0\(n ?? 0)" : "\(n ?? 0)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }

    /// The translation of `sql` with or without the partial-aggregate plan.
    public func translate(_ sql: String, planned: Bool) throws -> TranslatedQuery {
        guard let warehouse else { throw TestFailure(loadError ?? "no store") }
        var translator = BigQueryTranslator(catalog: warehouse.catalog)
        translator.plansPartialAggregates = planned
        return try translator.translate(sql)
    }

    /// The rows of `translated` as bq prints them, or `error: <message>` (without the statement text, which
    /// differs between plans) as the only row.
    public func run(_ translated: TranslatedQuery) -> [[String?]] {
        guard let warehouse else { return [["no store: \(loadError ?? "")"]] }
        lock.lock()
        defer { lock.unlock() }
        do {
            return try QueryFixture.run(translated, on: warehouse)
        } catch {
            let message = "\(error)"
            let tail = message.range(of: ") failed: ").map { String(message[$0.upperBound...]) } ?? message
            return [["error: " + tail]]
        }
    }

    /// Runs raw SQLite SQL on the store.
    public func sqliteRows(_ sql: String) throws -> [[ResultValue]] {
        guard let warehouse else { throw TestFailure(loadError ?? "no store") }
        lock.lock()
        defer { lock.unlock() }
        var result: [[ResultValue]] = []
        try warehouse.query(sql: sql, columns: { _ in }, row: { result.append($0.values) })
        return result
    }
}
