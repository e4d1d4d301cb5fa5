import BigQueryRuntime
import SQLite

extension Registrar {
    /// Arrays (JSON text), generated arrays and intervals.
    func registerArraysAndIntervals() throws {
        let types = TypeCache()
        try scalar("bq_array", propagatesNull: false) { a in
            guard a.count >= 1, !a.isNull(0) else { throw BigQueryError("bq_array needs the element type first") }
            let type = try types.type(a.string(0))
            let elements = try (1..<a.count).map { try ValueText.element(a.value($0).stored, type) }
            return .text(JSONArrayText.encode(elements))
        }
        try scalar("bq_array_length") { a in .integer(Int64(try JSONArrayText.decode(a.string(0)).count)) }
        try scalar("bq_array_to_string", propagatesNull: false) { a in
            guard !a.isNull(0), !a.isNull(1) else { return .null }
            let nullText: String? = a.count > 2 ? (a.isNull(2) ? nil : a.string(2)) : nil
            if a.count > 2 && a.isNull(2) { return .null }
            let parts = try JSONArrayText.decode(a.string(0)).compactMap { element -> String? in
                switch element {
                case .string(let s): return s
                case .null: return nullText
                default: throw BigQueryError("ARRAY_TO_STRING takes an ARRAY<STRING>")
                }
            }
            return .text(parts.joined(separator: a.string(1)))
        }
        try scalar("bq_array_offset") { a in
            let elements = try JSONArrayText.decode(a.string(0))
            let index = try a.integer(1)
            guard index >= 0 && index < Int64(elements.count) else {
                throw BigQueryError("Array index \(index) is out of bounds")
            }
            return SQLiteValue(try ValueText.stored(elements[Int(index)], types.type(a.string(2))))
        }
        try scalar("bq_array_safe_offset") { a in
            let elements = try JSONArrayText.decode(a.string(0))
            let index = try a.integer(1)
            guard index >= 0 && index < Int64(elements.count) else { return .null }
            return SQLiteValue(try ValueText.stored(elements[Int(index)], types.type(a.string(2))))
        }
        try scalar("bq_array_element") { a in
            let type = try types.type(a.string(1))
            let element: JSONArrayText.Element
            switch a.kind(0) {
            case .integer where type == .bool: element = .bool(a.int64(0) != 0)
            case .integer, .real: element = .number(a.kind(0) == .integer ? String(a.int64(0)) : "\(a.double(0))")
            case .text:
                if case .array = type {
                    element = .raw(a.string(0))
                } else if case .structure = type {
                    element = .raw(a.string(0))
                } else {
                    element = .string(a.string(0))
                }
            default: throw BigQueryError("Invalid \(type) element")
            }
            return SQLiteValue(try ValueText.stored(element, type))
        }
        try scalar("bq_array_concat") { a in
            var all: [JSONArrayText.Element] = []
            for i in 0..<a.count { all += try JSONArrayText.decode(a.string(i)) }
            return .text(JSONArrayText.encode(all))
        }
        try scalar("bq_array_reverse") { a in
            .text(JSONArrayText.encode(try JSONArrayText.decode(a.string(0)).reversed()))
        }
        try scalar("bq_generate_array") { a in
            if a.kind(0) == .real || a.kind(1) == .real || a.kind(2) == .real {
                return .text(
                    JSONArrayText.encode(
                        try ArrayGenerator.floats(a.float(0), a.float(1), a.float(2)).map {
                            try ValueText.element(.real($0), .float64)
                        }))
            }
            let values = try ArrayGenerator.integers(a.integer(0), a.integer(1), a.integer(2))
            return .text(JSONArrayText.encode(values.map { .number(String($0)) }))
        }
        try scalar("bq_generate_date_array") { a in
            let dates = try ArrayGenerator.dates(a.date(0), a.date(1), a.integer(2), a.part(3))
            return .text(JSONArrayText.strings(dates.map(\.canonical)))
        }
        try scalar("bq_generate_timestamp_array") { a in
            let values = try ArrayGenerator.timestamps(a.timestamp(0), a.timestamp(1), a.integer(2), a.part(3))
            return .text(JSONArrayText.strings(values.map(\.canonical)))
        }

        try scalar("bq_interval") { a in .text(try IntervalValue(a.integer(0), a.part(1)).canonical) }
        try scalar("bq_make_interval") { a in
            let months = try Int64Math.add(Int64Math.multiply(a.integer(0), 12), a.integer(1))
            let micros = try Int64Math.add(
                Int64Math.multiply(a.integer(3), 3_600_000_000),
                Int64Math.add(Int64Math.multiply(a.integer(4), 60_000_000), Int64Math.multiply(a.integer(5), 1_000_000))
            )
            return .text(try IntervalValue(months: months, days: a.integer(2), micros: micros).canonical)
        }
        try scalar("bq_interval_add") { a in .text(try (a.interval(0) + a.interval(1)).canonical) }
        try scalar("bq_interval_sub") { a in .text(try (a.interval(0) + a.interval(1).negated).canonical) }
        try scalar("bq_interval_negate") { a in .text(try a.interval(0).negated.canonical) }
        try scalar("bq_interval_multiply") { a in .text(try a.interval(0).multiplied(by: a.integer(1)).canonical) }
        try scalar("bq_extract_interval") { a in .integer(try a.interval(1).extract(a.part(0))) }
        try scalar("bq_justify_days") { a in .text(try a.interval(0).justifiedDays.canonical) }
        try scalar("bq_justify_hours") { a in .text(try a.interval(0).justifiedHours.canonical) }
        try scalar("bq_justify_interval") { a in .text(try a.interval(0).justifiedHours.justifiedDays.canonical) }
        try scalar("bq_date_add_interval") { a in
            let start = CivilDateTime(date: try a.date(0), time: try CivilTime(micros: 0))
            return .text(try a.interval(1).added(to: start).canonical)
        }
        try scalar("bq_datetime_add_interval") { a in .text(try a.interval(1).added(to: a.dateTime(0)).canonical) }
        try scalar("bq_timestamp_add_interval") { a in .text(try a.interval(1).added(to: a.timestamp(0)).canonical) }
        try scalar("bq_date_minus_date") { a in
            .text(try IntervalValue(months: 0, days: a.date(0).days - a.date(1).days, micros: 0).canonical)
        }
        try scalar("bq_datetime_minus_datetime") { a in
            .text(try IntervalValue.between(a.dateTime(0), a.dateTime(1)).canonical)
        }
        try scalar("bq_timestamp_minus_timestamp") { a in
            .text(
                try IntervalValue(months: 0, days: 0, micros: a.timestamp(0).micros - a.timestamp(1).micros).canonical)
        }
    }
}

extension FunctionArguments {
    /// Argument `index` as a canonical INTERVAL.
    func interval(_ index: Int) throws -> IntervalValue { try IntervalValue(parsing: string(index)) }
}
