import BigQueryRuntime
import SQLite

/// ARRAY_AGG(value, element_type, distinct, ignore_nulls, limit, order, keys...).
final class ArrayAgg: RowListAggregate {
    var elementType: BigQueryType = .int64
    var distinct = false
    var ignoreNulls = false
    var limit: Int64?
    var keys: [SortKey] = []
    var configured = false

    override func configure(_ a: FunctionArguments) throws {
        guard !configured else { return }
        guard a.count >= 6 else { throw BigQueryError("bq_array_agg needs at least 6 arguments") }
        elementType = try BigQueryType(a.string(1))
        distinct = a.int64(2) != 0
        ignoreNulls = a.int64(3) != 0
        limit = a.isNull(4) ? nil : a.int64(4)
        keys = try SortKey.parse(a.isNull(5) ? "" : a.string(5))
        guard keys.count == a.count - 6 else {
            throw BigQueryError("bq_array_agg: \(keys.count) directions for \(a.count - 6) keys")
        }
        configured = true
    }

    override func value() throws -> SQLiteValue {
        var values = SortKey.sort(Array(live), by: keys, keyOffset: 6).map { $0[0] }
        if ignoreNulls { values.removeAll { $0 == .null } }
        if distinct {
            var seen = Set<SQLiteValue>()
            values = values.filter { seen.insert($0).inserted }
        }
        if let limit { values = Array(values.prefix(Int(max(0, min(limit, Int64(Int32.max)))))) }
        guard !values.isEmpty else { return .null }
        let elements = try values.map { try ValueText.element($0.stored, elementType) }
        return .text(JSONArrayText.encode(elements))
    }
}

/// STRING_AGG(value, delimiter, distinct, limit, order, keys...): NULLs skipped.
final class StringAgg: RowListAggregate {
    var delimiter: SQLiteValue = .text(",")
    var distinct = false
    var limit: Int64?
    var keys: [SortKey] = []
    var configured = false

    override func configure(_ a: FunctionArguments) throws {
        guard !configured else { return }
        guard a.count >= 5 else { throw BigQueryError("bq_string_agg needs at least 5 arguments") }
        delimiter = a.value(1)
        distinct = a.int64(2) != 0
        limit = a.isNull(3) ? nil : a.int64(3)
        keys = try SortKey.parse(a.isNull(4) ? "" : a.string(4))
        guard keys.count == a.count - 5 else {
            throw BigQueryError("bq_string_agg: \(keys.count) directions for \(a.count - 5) keys")
        }
        configured = true
    }

    override func value() throws -> SQLiteValue {
        var values = SortKey.sort(Array(live), by: keys, keyOffset: 5).map { $0[0] }.filter { $0 != .null }
        if distinct {
            var seen = Set<SQLiteValue>()
            values = values.filter { seen.insert($0).inserted }
        }
        if let limit { values = Array(values.prefix(Int(max(0, min(limit, Int64(Int32.max)))))) }
        guard !values.isEmpty else { return .null }
        if case .blob(let separator) = delimiter {
            var out: [UInt8] = []
            for (i, v) in values.enumerated() {
                if i > 0 { out += separator }
                if case .blob(let b) = v { out += b } else if case .text(let t) = v { out += Array(t.utf8) }
            }
            return .blob(out)
        }
        let separator: String
        if case .text(let t) = delimiter { separator = t } else { separator = "" }
        var out = ""
        for (i, v) in values.enumerated() {
            if i > 0 { out += separator }
            switch v {
            case .text(let t): out += t
            case .integer(let n): out += String(n)
            case .real(let d): out += FloatText.shortest(d)
            case .blob(let b): out += String(decoding: b, as: UTF8.self)
            case .null: break
            }
        }
        return .text(out)
    }
}

/// APPROX_QUANTILES(value, n, element_type), exactly: element floor((m - 1) · i / n) of the m sorted values.
final class ApproxQuantiles: RowListAggregate {
    override func value() throws -> SQLiteValue {
        guard let first = live.first else { return .null }
        let n = first[1].integerValue ?? 0
        guard n >= 1 && n <= 100_000 else {
            throw BigQueryError("APPROX_QUANTILES: number must be between 1 and 100000")
        }
        guard case .text(let typeName) = first[2] else { throw BigQueryError("APPROX_QUANTILES: missing element type") }
        let type = try BigQueryType(typeName)
        let values = live.map { $0[0] }.filter { $0 != .null }.sorted { compareValues($0, $1) < 0 }
        guard !values.isEmpty else { return .null }
        let m = Int64(values.count)
        let elements = try (0...n).map { i in try ValueText.element(values[Int((m - 1) * i / n)].stored, type) }
        return .text(JSONArrayText.encode(elements))
    }
}

/// PERCENTILE_CONT / PERCENTILE_DISC over the live rows (the emitter gives the whole partition as the frame).
final class Percentile: RowListAggregate {
    let continuous: Bool
    var sortedCache: [SQLiteValue]?

    init(continuous: Bool) { self.continuous = continuous }

    override func step(_ a: FunctionArguments) throws {
        sortedCache = nil
        try super.step(a)
    }

    override func inverse(_ a: FunctionArguments) throws {
        sortedCache = nil
        try super.inverse(a)
    }

    override func value() throws -> SQLiteValue {
        guard let first = live.first else { return .null }
        let p = first[1].doubleValue
        guard p >= 0 && p <= 1 else {
            throw BigQueryError("Percentile argument must be in [0, 1]: \(FloatText.shortest(p))")
        }
        let values =
            sortedCache
            ?? live.map { $0[0] }.filter { $0 != .null }.sorted { compareValues($0, $1) < 0 }
        sortedCache = values
        guard !values.isEmpty else { return .null }
        if !continuous {
            let index = max(Int((p * Double(values.count)).rounded(.up)) - 1, 0)
            return values[min(index, values.count - 1)]
        }
        let position = p * Double(values.count - 1)
        let low = Int(position.rounded(.down))
        let high = Int(position.rounded(.up))
        let a = values[low].doubleValue
        let b = values[high].doubleValue
        return .float(low == high ? a : a + (position - Double(low)) * (b - a))
    }
}

extension Registrar {
    /// The aggregates.
    func registerAggregates() throws {
        try aggregate("bq_sum_int64") { SumInt64() }
        try aggregate("bq_sum_numeric") { SumNumeric(average: false) }
        try aggregate("bq_avg_numeric") { SumNumeric(average: true) }
        try aggregate("bq_any_value") { AnyValue() }
        try aggregate("bq_logical_and") { LogicalAggregate(isAnd: true) }
        try aggregate("bq_logical_or") { LogicalAggregate(isAnd: false) }
        try aggregate("bq_array_agg") { ArrayAgg() }
        try aggregate("bq_string_agg") { StringAgg() }
        try aggregate("bq_approx_quantiles") { ApproxQuantiles() }
        try aggregate("bq_stddev_samp") { MomentAggregate(.stddevSamp) }
        try aggregate("bq_stddev_pop") { MomentAggregate(.stddevPop) }
        try aggregate("bq_var_samp") { MomentAggregate(.varSamp) }
        try aggregate("bq_var_pop") { MomentAggregate(.varPop) }
        try aggregate("bq_corr") { CovarianceAggregate(.corr) }
        try aggregate("bq_covar_pop") { CovarianceAggregate(.covarPop) }
        try aggregate("bq_covar_samp") { CovarianceAggregate(.covarSamp) }
        try aggregate("bq_percentile_cont") { Percentile(continuous: true) }
        try aggregate("bq_percentile_disc") { Percentile(continuous: false) }
    }
}
