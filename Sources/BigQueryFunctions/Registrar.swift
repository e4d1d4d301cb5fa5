import BigQueryRuntime
import SQLite

/// Registers the pack's functions on one connection; checks each against `FunctionCatalog`.
///
/// The function bodies live as long as the connection, so they must never capture the Registrar (it holds the
/// Database): that cycle would keep the connection open forever.
struct Registrar {
    let database: Database
    /// The connection's last time zone.
    let zones = ZoneCache()
    /// Every scalar body registered, by name, for `bq_safe` (the SAFE. prefix) to call.
    let bodies = ScalarBodies()

    /// Registers a scalar for every argument count of its catalog entry. Unless `nullable` is false, a NULL
    /// argument gives NULL without calling `body`.
    func scalar(
        _ name: String, propagatesNull: Bool = true, _ body: @escaping (FunctionArguments) throws -> SQLiteValue
    ) throws {
        guard let entry = FunctionCatalog.entry(named: name), entry.kind == .scalar else {
            throw BigQueryError("\(name) is not a scalar in FunctionCatalog")
        }
        bodies.add(name, propagatesNull: propagatesNull, body)
        for count in entry.argumentCounts {
            if propagatesNull {
                try database.createFunction(name: name, argumentCount: count, deterministic: entry.deterministic) {
                    arguments in
                    for index in 0..<arguments.count where arguments.isNull(index) { return .null }
                    return try body(arguments)
                }
            } else {
                try database.createFunction(
                    name: name, argumentCount: count, deterministic: entry.deterministic, body)
            }
        }
    }

    /// Registers an aggregate for every argument count of its catalog entry.
    func aggregate(_ name: String, _ make: @escaping () -> any AggregateFunction) throws {
        guard let entry = FunctionCatalog.entry(named: name), entry.kind == .aggregate else {
            throw BigQueryError("\(name) is not an aggregate in FunctionCatalog")
        }
        for count in entry.argumentCounts {
            try database.createAggregate(name: name, argumentCount: count, deterministic: entry.deterministic, make)
        }
    }
}

extension FunctionArguments {
    /// Argument `index` as a canonical DATE.
    func date(_ index: Int) throws -> CivilDate {
        try withUTF8(index) { bytes throws in try CivilDate.parse(utf8: bytes) }
    }
    /// Argument `index` as a canonical DATETIME.
    func dateTime(_ index: Int) throws -> CivilDateTime {
        try withUTF8(index) { bytes throws in try CivilDateTime.parse(utf8: bytes) }
    }
    /// Argument `index` as a canonical TIME.
    func time(_ index: Int) throws -> CivilTime {
        try withUTF8(index) { bytes throws in try CivilTime.parse(utf8: bytes) }
    }
    /// Argument `index` as a canonical TIMESTAMP.
    func timestamp(_ index: Int) throws -> Timestamp {
        try withUTF8(index) { bytes throws in try Timestamp.parse(utf8: bytes) }
    }
    /// Argument `index` as a date part.
    func part(_ index: Int) throws -> DatePart { try withUTF8(index) { bytes throws in try DatePart(utf8: bytes) } }
    /// Argument `index` as a time zone (looked up through `cache`), or UTC when there is no such argument.
    func zone(_ index: Int, _ cache: ZoneCache) throws -> TimeZoneRules {
        guard index < count else { return .utc }
        return try withUTF8(index) { bytes throws in try cache.zone(bytes) }
    }
    /// Argument `index` as an INT64 (an integer-valued REAL is accepted; anything else is an error).
    func integer(_ index: Int) throws -> Int64 {
        switch kind(index) {
        case .integer: return int64(index)
        case .real:
            let value = double(index)
            guard let exact = Int64(exactly: value) else { throw BigQueryError("Expected INT64 but found \(value)") }
            return exact
        default: throw BigQueryError("Expected INT64 but found \(string(index).debugDescription)")
        }
    }
    /// Argument `index` as a FLOAT64: REAL, INTEGER, or the TEXT 'NaN', 'Infinity', '-Infinity'.
    func float(_ index: Int) throws -> Double {
        switch kind(index) {
        case .integer: return Double(int64(index))
        case .real: return double(index)
        case .text:
            switch string(index) {
            case "NaN": return .nan
            case "Infinity", "inf": return .infinity
            case "-Infinity", "-inf": return -.infinity
            case let other: throw BigQueryError("Expected FLOAT64 but found \(other.debugDescription)")
            }
        default: throw BigQueryError("Expected FLOAT64 but found a \(kind(index))")
        }
    }
}

extension SQLiteValue {
    /// A FLOAT64 result: NaN as the TEXT 'NaN' (SQLite would turn a NaN REAL into NULL).
    static func float(_ value: Double) -> SQLiteValue { value.isNaN ? .text("NaN") : .real(value) }
    /// A BOOL result.
    static func bool(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }
}

/// The zone most recently named on one connection, compared by bytes so a repeated name costs no String, hash or
/// lock. (A connection runs one statement at a time, on one thread.)
final class ZoneCache {
    private var name: [UInt8] = []
    private var rules: TimeZoneRules = .utc

    func zone(_ bytes: UnsafeBufferPointer<UInt8>) throws -> TimeZoneRules {
        if !name.isEmpty && name.elementsEqual(bytes) { return rules }
        let found = try TimeZoneRules.named(String(decoding: bytes, as: UTF8.self))
        name = Array(bytes)
        rules = found
        return found
    }
}
