import BigQueryRuntime
import SQLite

extension Registrar {
    /// DATE/DATETIME/TIME/TIMESTAMP construction, arithmetic, truncation and extraction.
    func registerDateTime() throws {
        let zones = zones  // captured alone: a closure that captured self would keep the Database alive
        try scalar("bq_date") { a in
            .text(try CivilDate(year: a.int64(0), month: a.int64(1), day: a.int64(2)).canonical)
        }
        try scalar("bq_date_from_datetime") { a in .text(try a.dateTime(0).date.canonical) }
        try scalar("bq_date_from_timestamp") { a in .text(try a.timestamp(0).civil(in: a.zone(1, zones)).date.canonical)
        }
        try scalar("bq_datetime") { a in
            let date = try CivilDate(year: a.int64(0), month: a.int64(1), day: a.int64(2))
            let time = try CivilTime(hour: a.int64(3), minute: a.int64(4), second: a.int64(5))
            return .text(CivilDateTime(date: date, time: time).canonical)
        }
        try scalar("bq_datetime_from_date") { a in
            .text(CivilDateTime(date: try a.date(0), time: try CivilTime(micros: 0)).canonical)
        }
        try scalar("bq_datetime_from_date_time") { a in
            .text(CivilDateTime(date: try a.date(0), time: try a.time(1)).canonical)
        }
        try scalar("bq_datetime_from_timestamp") { a in .text(try a.timestamp(0).civil(in: a.zone(1, zones)).canonical)
        }
        try scalar("bq_time") { a in
            .text(try CivilTime(hour: a.int64(0), minute: a.int64(1), second: a.int64(2)).canonical)
        }
        try scalar("bq_time_from_datetime") { a in .text(try a.dateTime(0).time.canonical) }
        try scalar("bq_time_from_timestamp") { a in .text(try a.timestamp(0).civil(in: a.zone(1, zones)).time.canonical)
        }
        try scalar("bq_timestamp_from_string") { a in
            .text(try LiteralParser.timestamp(a.string(0), zone: a.zone(1, zones), zoneGiven: a.count > 1).canonical)
        }
        try scalar("bq_timestamp_from_date") { a in
            let civil = CivilDateTime(date: try a.date(0), time: try CivilTime(micros: 0))
            return .text(try Timestamp(civil: civil, in: a.zone(1, zones)).canonical)
        }
        try scalar("bq_timestamp_from_datetime") { a in
            .text(try Timestamp(civil: a.dateTime(0), in: a.zone(1, zones)).canonical)
        }

        try scalar("bq_date_add") { a in .text(try DateMath.add(a.date(0), a.integer(1), a.part(2)).canonical) }
        try scalar("bq_date_sub") { a in .text(try DateMath.add(a.date(0), negated(a.integer(1)), a.part(2)).canonical)
        }
        try scalar("bq_date_diff") { a in .integer(try DateMath.diff(a.date(0), a.date(1), a.part(2))) }
        try scalar("bq_date_trunc") { a in .text(try DateMath.trunc(a.date(0), a.part(1)).canonical) }
        try scalar("bq_last_day") { a in
            .text(try DateMath.lastDay(a.date(0), a.count > 1 ? a.part(1) : .month).canonical)
        }
        try scalar("bq_datetime_add") { a in
            .text(try DateTimeMath.add(a.dateTime(0), a.integer(1), a.part(2)).canonical)
        }
        try scalar("bq_datetime_sub") { a in
            .text(try DateTimeMath.add(a.dateTime(0), negated(a.integer(1)), a.part(2)).canonical)
        }
        try scalar("bq_datetime_diff") { a in .integer(try DateTimeMath.diff(a.dateTime(0), a.dateTime(1), a.part(2))) }
        try scalar("bq_datetime_trunc") { a in .text(try DateTimeMath.trunc(a.dateTime(0), a.part(1)).canonical) }
        try scalar("bq_datetime_last_day") { a in
            .text(try DateMath.lastDay(a.dateTime(0).date, a.count > 1 ? a.part(1) : .month).canonical)
        }
        try scalar("bq_time_add") { a in .text(try DateTimeMath.add(a.time(0), a.integer(1), a.part(2)).canonical) }
        try scalar("bq_time_sub") { a in
            .text(try DateTimeMath.add(a.time(0), negated(a.integer(1)), a.part(2)).canonical)
        }
        try scalar("bq_time_diff") { a in .integer(try DateTimeMath.diff(a.time(0), a.time(1), a.part(2))) }
        try scalar("bq_time_trunc") { a in .text(try DateTimeMath.trunc(a.time(0), a.part(1)).canonical) }
        try scalar("bq_timestamp_add") { a in
            .text(try DateTimeMath.add(a.timestamp(0), a.integer(1), a.part(2)).canonical)
        }
        try scalar("bq_timestamp_sub") { a in
            .text(try DateTimeMath.add(a.timestamp(0), negated(a.integer(1)), a.part(2)).canonical)
        }
        try scalar("bq_timestamp_diff") { a in
            .integer(try DateTimeMath.diff(a.timestamp(0), a.timestamp(1), a.part(2)))
        }
        try scalar("bq_timestamp_trunc") { a in
            .text(try DateTimeMath.trunc(a.timestamp(0), a.part(1), a.zone(2, zones)).canonical)
        }
        try scalar("bq_extract_date") { a in .integer(try DateMath.extract(a.part(0), a.date(1))) }
        try scalar("bq_extract_datetime") { a in .integer(try DateTimeMath.extract(a.part(0), a.dateTime(1))) }
        try scalar("bq_extract_time") { a in .integer(try DateTimeMath.extract(a.part(0), a.time(1))) }
        try scalar("bq_extract_timestamp") { a in
            .integer(try DateTimeMath.extract(a.part(0), a.timestamp(1), a.zone(2, zones)))
        }

        try scalar("bq_unix_date") { a in .integer(try a.date(0).days) }
        try scalar("bq_date_from_unix_date") { a in .text(try CivilDate(days: a.integer(0)).canonical) }
        try scalar("bq_unix_seconds") { a in .integer(floorDiv(try a.timestamp(0).micros, 1_000_000)) }
        try scalar("bq_unix_millis") { a in .integer(floorDiv(try a.timestamp(0).micros, 1000)) }
        try scalar("bq_unix_micros") { a in .integer(try a.timestamp(0).micros) }
        try scalar("bq_timestamp_seconds") { a in
            .text(try Timestamp(micros: scaled(a.integer(0), 1_000_000)).canonical)
        }
        try scalar("bq_timestamp_millis") { a in .text(try Timestamp(micros: scaled(a.integer(0), 1000)).canonical) }
        try scalar("bq_timestamp_micros") { a in .text(try Timestamp(micros: a.integer(0)).canonical) }
    }
}

/// -n, with -(-2^63) an error.
func negated(_ n: Int64) throws -> Int64 {
    guard n != .min else { throw BigQueryError("int64 overflow: -(\(n))") }
    return -n
}

/// Floor division.
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b < 0) ? q - 1 : q
}

/// n * factor, with overflow reported as an out-of-range timestamp.
func scaled(_ n: Int64, _ factor: Int64) throws -> Int64 {
    let (result, overflow) = n.multipliedReportingOverflow(by: factor)
    guard !overflow else { throw BigQueryError("TIMESTAMP value out of range") }
    return result
}
