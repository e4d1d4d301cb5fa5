import BigQueryRuntime
import SQLite

#if canImport(Glibc)
    import Glibc
#endif

extension Registrar {
    /// FORMAT_*/PARSE_*, CAST, SAFE_CAST, FORMAT, NUMERIC operators and CURRENT_*.
    func registerConversions() throws {
        let zones = zones  // captured alone: a closure that captured self would keep the Database alive
        try scalar("bq_format_date") { a in .text(try DateTimeFormatter.format(a.string(0), date: a.date(1))) }
        try scalar("bq_format_datetime") { a in
            .text(try DateTimeFormatter.format(a.string(0), a.dateTime(1), .datetime))
        }
        try scalar("bq_format_time") { a in .text(try DateTimeFormatter.format(a.string(0), time: a.time(1))) }
        try scalar("bq_format_timestamp") { a in
            .text(try DateTimeFormatter.format(a.string(0), timestamp: a.timestamp(1), zone: a.zone(2, zones)))
        }
        try scalar("bq_parse_date") { a in .text(try DateTimeParser.date(a.string(0), a.string(1)).canonical) }
        try scalar("bq_parse_datetime") { a in .text(try DateTimeParser.datetime(a.string(0), a.string(1)).canonical) }
        try scalar("bq_parse_time") { a in .text(try DateTimeParser.time(a.string(0), a.string(1)).canonical) }
        try scalar("bq_parse_timestamp") { a in
            .text(try DateTimeParser.timestamp(a.string(0), a.string(1), zone: a.zone(2, zones)).canonical)
        }

        try scalar("bq_error", propagatesNull: false) { a in
            throw BigQueryError(a.isNull(0) ? "NULL" : a.string(0))
        }

        let types = TypeCache()
        try scalar("bq_cast", propagatesNull: false) { a in
            guard !a.isNull(0) else { return .null }
            return SQLiteValue(
                try Cast.convert(a.value(0).stored, from: types.type(a.string(1)), to: types.type(a.string(2))))
        }
        try scalar("bq_safe_cast", propagatesNull: false) { a in
            guard !a.isNull(0) else { return .null }
            return SQLiteValue(
                try Cast.safeConvert(a.value(0).stored, from: types.type(a.string(1)), to: types.type(a.string(2))))
        }
        try scalar("bq_format", propagatesNull: false) { a in
            guard a.count >= 1, !a.isNull(0) else { return .null }
            guard a.count % 2 == 1 else { throw BigQueryError("bq_format takes (type, value) pairs after the format") }
            var arguments: [(type: BigQueryType, value: StoredValue)] = []
            var i = 1
            while i < a.count {
                arguments.append((try types.type(a.string(i)), a.value(i + 1).stored))
                i += 2
            }
            return try FormatFunction.format(a.string(0), arguments).map(SQLiteValue.text) ?? .null
        }

        try scalar("bq_numeric_add") { a in .text(try NumericValue.add(a.numeric(0), a.numeric(1)).canonical) }
        try scalar("bq_numeric_sub") { a in .text(try NumericValue.subtract(a.numeric(0), a.numeric(1)).canonical) }
        try scalar("bq_numeric_mul") { a in .text(try NumericValue.multiply(a.numeric(0), a.numeric(1)).canonical) }
        try scalar("bq_numeric_div") { a in .text(try NumericValue.divide(a.numeric(0), a.numeric(1)).canonical) }
        try scalar("bq_numeric_compare") { a in
            let (x, y) = (try a.numeric(0), try a.numeric(1))
            return .integer(x < y ? -1 : (x == y ? 0 : 1))
        }

        try scalar("bq_current_timestamp") { _ in .text(try currentTimestamp().canonical) }
        try scalar("bq_current_date") { a in .text(try currentTimestamp().civil(in: a.zone(0, zones)).date.canonical) }
        try scalar("bq_current_datetime") { a in .text(try currentTimestamp().civil(in: a.zone(0, zones)).canonical) }
        try scalar("bq_current_time") { a in .text(try currentTimestamp().civil(in: a.zone(0, zones)).time.canonical) }
    }
}

extension FunctionArguments {
    /// Argument `index` as canonical NUMERIC text.
    func numeric(_ index: Int) throws -> NumericValue {
        if kind(index) == .integer { return NumericValue(int64(index)) }
        return try NumericValue.parse(canonical: string(index))
    }
}

/// Parsed type names of one connection (type arguments are constants, so a handful of names recur).
final class TypeCache {
    private var types: [String: BigQueryType] = [:]

    func type(_ name: String) throws -> BigQueryType {
        if let hit = types[name] { return hit }
        let parsed = try BigQueryType(name)
        if types.count > 256 { types.removeAll() }
        types[name] = parsed
        return parsed
    }
}

/// The wall clock as a TIMESTAMP (microseconds).
func currentTimestamp() throws -> Timestamp {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return try Timestamp(micros: Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000)
}
