/// GENERATE_ARRAY, GENERATE_DATE_ARRAY and GENERATE_TIMESTAMP_ARRAY (at most 1,000,000 elements, as a guard).
public enum ArrayGenerator {
    static let limit = 1_000_000

    /// GENERATE_ARRAY on INT64: empty when the step points away from `end`; a zero step is an error.
    public static func integers(_ start: Int64, _ end: Int64, _ step: Int64) throws(BigQueryError) -> [Int64] {
        guard step != 0 else { throw BigQueryError("Sequence step cannot be 0.") }
        var result: [Int64] = []
        var value = start
        while step > 0 ? value <= end : value >= end {
            result.append(value)
            guard result.count <= limit else { throw BigQueryError("GENERATE_ARRAY: too many elements") }
            let (next, overflow) = value.addingReportingOverflow(step)
            if overflow { break }
            value = next
        }
        return result
    }

    /// GENERATE_ARRAY on FLOAT64.
    public static func floats(_ start: Double, _ end: Double, _ step: Double) throws(BigQueryError) -> [Double] {
        guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
            throw BigQueryError("Sequence step cannot be 0, infinite or NaN.")
        }
        var result: [Double] = []
        var index = 0.0
        while true {
            let value = start + index * step
            guard step > 0 ? value <= end : value >= end else { break }
            result.append(value)
            guard result.count <= limit else { throw BigQueryError("GENERATE_ARRAY: too many elements") }
            index += 1
        }
        return result
    }

    /// GENERATE_DATE_ARRAY(start, end, INTERVAL n part): DAY, WEEK, MONTH, QUARTER, YEAR.
    public static func dates(_ start: CivilDate, _ end: CivilDate, _ n: Int64, _ part: DatePart) throws(BigQueryError)
        -> [CivilDate]
    {
        guard n != 0 else { throw BigQueryError("Sequence step cannot be 0.") }
        if case .week(0) = part {
        } else if ![.day, .month, .quarter, .year].contains(part) {
            throw part.unsupported("GENERATE_DATE_ARRAY")
        }
        var result: [CivilDate] = []
        var k: Int64 = 0
        while true {
            let (steps, overflow) = n.multipliedReportingOverflow(by: k)
            guard !overflow, let value = try? DateMath.add(start, steps, part) else { break }
            guard n > 0 ? value <= end : value >= end else { break }
            result.append(value)
            guard result.count <= limit else { throw BigQueryError("GENERATE_DATE_ARRAY: too many elements") }
            k += 1
        }
        return result
    }

    /// GENERATE_TIMESTAMP_ARRAY(start, end, INTERVAL n part): MICROSECOND … DAY.
    public static func timestamps(_ start: Timestamp, _ end: Timestamp, _ n: Int64, _ part: DatePart)
        throws(BigQueryError) -> [Timestamp]
    {
        guard n != 0 else { throw BigQueryError("Sequence step cannot be 0.") }
        guard part.fixedMicros != nil else { throw part.unsupported("GENERATE_TIMESTAMP_ARRAY") }
        var result: [Timestamp] = []
        var value = start
        while n > 0 ? value <= end : value >= end {
            result.append(value)
            guard result.count <= limit else { throw BigQueryError("GENERATE_TIMESTAMP_ARRAY: too many elements") }
            guard let next = try? DateTimeMath.add(value, n, part) else { break }
            value = next
        }
        return result
    }
}
