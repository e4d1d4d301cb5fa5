import BigQueryRuntime
import SQLite

extension Registrar {
    /// The SAFE. prefix, LIKE with a pattern computed per row, and the IGNORE NULLS navigation functions.
    func registerConstructs() throws {
        let bodies = bodies
        try scalar("bq_safe", propagatesNull: false) { a in
            guard a.count >= 1, !a.isNull(0) else { throw BigQueryError("bq_safe needs a function name") }
            let body = try a.withUTF8(0) { bytes throws in try bodies.body(bytes) }
            do {
                return try body(a.dropping(first: 1))
            } catch {
                return .null
            }
        }
        let patterns = LikeCache()
        try scalar("bq_like") { a in
            if a.kind(0) == .blob || a.kind(1) == .blob {
                return .bool(try patterns.pattern(bytes: a.blob(1)).matches(bytes: a.blob(0)))
            }
            return .bool(try patterns.pattern(a.string(1)).matches(a.string(0)))
        }
        let zones = zones
        try scalar("bq_cast_format") { a in
            let (from, to, format) = (a.string(1), a.string(2), a.string(3))
            let zone = try a.zone(4, zones)
            switch (from, to) {
            case ("DATE", "STRING"):
                return .text(
                    try CastFormat.format(
                        CivilDateTime(date: a.date(0), time: CivilTime(micros: 0)), format, type: "DATE"))
            case ("DATETIME", "STRING"): return .text(try CastFormat.format(a.dateTime(0), format, type: "DATETIME"))
            case ("TIME", "STRING"):
                return .text(
                    try CastFormat.format(
                        CivilDateTime(date: CivilDate(days: 0), time: a.time(0)), format, type: "TIME"))
            case ("TIMESTAMP", "STRING"): return .text(try CastFormat.format(a.timestamp(0), format, zone: zone))
            case ("STRING", "DATE"):
                return .text(try CastFormat.parse(a.string(0), format, type: "DATE").0.date.canonical)
            case ("STRING", "DATETIME"):
                return .text(try CastFormat.parse(a.string(0), format, type: "DATETIME").0.canonical)
            case ("STRING", "TIME"):
                return .text(try CastFormat.parse(a.string(0), format, type: "TIME").0.time.canonical)
            case ("STRING", "TIMESTAMP"):
                return .text(try CastFormat.parseTimestamp(a.string(0), format, zone: zone).canonical)
            default: throw BigQueryError("CAST from \(from) to \(to) with FORMAT is not supported")
            }
        }
        try aggregate("bq_first_value_ignore_nulls") { NonNullWindow(.first) }
        try aggregate("bq_last_value_ignore_nulls") { NonNullWindow(.last) }
        try aggregate("bq_nth_value_ignore_nulls") { NonNullWindow(.nth) }
    }
}

/// The scalar bodies of one connection by name, so `bq_safe('bq_substr', ...)` can call `bq_substr`'s body
/// and turn its error into NULL. Filled while registering; read by one thread at a time afterwards.
final class ScalarBodies {
    typealias Body = (FunctionArguments) throws -> SQLiteValue
    private var bodies: [String: Body] = [:]
    private var lastName: [UInt8] = []
    private var lastBody: Body? = nil

    func add(_ name: String, propagatesNull: Bool, _ body: @escaping Body) {
        if propagatesNull {
            bodies[name] = { arguments in
                for index in 0..<arguments.count where arguments.isNull(index) { return .null }
                return try body(arguments)
            }
        } else {
            bodies[name] = body
        }
    }

    /// The body named by `bytes`; the last one is remembered, so a column of calls costs no lookup.
    func body(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Body {
        if let lastBody, lastName.elementsEqual(bytes) { return lastBody }
        let name = String(decoding: bytes, as: UTF8.self)
        guard let found = bodies[name] else { throw BigQueryError("bq_safe: no function \(name)") }
        lastName = Array(bytes)
        lastBody = found
        return found
    }
}

/// The last LIKE pattern of one connection, compiled.
final class LikeCache {
    private var text: String? = nil
    private var bytes: [UInt8]? = nil
    private var compiled: LikePattern? = nil

    func pattern(_ pattern: String) throws -> LikePattern {
        if let compiled, text == pattern { return compiled }
        let made = try LikePattern(pattern)
        (text, bytes, compiled) = (pattern, nil, made)
        return made
    }

    func pattern(bytes pattern: [UInt8]) throws -> LikePattern {
        if let compiled, bytes == pattern { return compiled }
        let made = try LikePattern(bytes: pattern)
        (text, bytes, compiled) = (nil, pattern, made)
        return made
    }
}

/// FIRST_VALUE / LAST_VALUE / NTH_VALUE with IGNORE NULLS over a window frame: keeps the frame's non-NULL
/// values, oldest first. SQLite removes rows from a frame oldest first, so `inverse` drops the front value
/// when the row leaving held one.
final class NonNullWindow: AggregateFunction {
    enum Pick {
        case first
        case last
        case nth
    }

    let pick: Pick
    private var values: [SQLiteValue] = []
    private var head = 0
    private var n: Int64 = 1

    init(_ pick: Pick) { self.pick = pick }

    func step(_ a: FunctionArguments) throws {
        if pick == .nth {
            n = try a.integer(1)
            guard n > 0 else { throw BigQueryError("The N value (position) for NTH_VALUE must be positive") }
        }
        if !a.isNull(0) { values.append(a.value(0)) }
    }

    func inverse(_ a: FunctionArguments) throws {
        guard !a.isNull(0), head < values.count else { return }
        head += 1
        if head > 1024 && head * 2 > values.count {
            values.removeFirst(head)
            head = 0
        }
    }

    func value() throws -> SQLiteValue {
        let live = values.count - head
        switch pick {
        case .first: return live > 0 ? values[head] : .null
        case .last: return live > 0 ? values[values.count - 1] : .null
        case .nth: return n <= Int64(live) ? values[head + Int(n) - 1] : .null
        }
    }
}
