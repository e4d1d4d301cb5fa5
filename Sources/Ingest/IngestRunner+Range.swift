import Rows
import Store

extension IngestRunner {
    /// The Europe/London settlement day at `micros` (microseconds since the Unix epoch): from 23:00 UTC in
    /// British Summer Time the next day has begun.
    public static func settlementDay(atMicros micros: Int64) -> Int64 {
        let utcDay = micros >= 0 ? micros / Timestamp.microsPerDay : (micros + 1) / Timestamp.microsPerDay - 1
        return micros >= SettlementCalendar.startOfDay(utcDay + 1) ? utcDay + 1 : utcDay
    }

    /// The first day of the daily run (`bmrs ingest DATASET` without `--start`): the first day of the oldest
    /// window still `recent` (Elexon may restate it), at most the restatement window back, and at latest
    /// yesterday; in Europe/London settlement days, by the warehouse's clock.
    public static func defaultStart(dataset: Dataset, in warehouse: Warehouse) throws -> Int64 {
        let today = settlementDay(atMicros: warehouse.now())
        let earliest = today - Int64(warehouse.restatementWindowDays)
        let oldestRecent = try warehouse.ledger.oldestRecentDay(dataset: dataset.name, notBefore: earliest)
        return min(today - 1, max(earliest, oldestRecent ?? today - 1))
    }
}
