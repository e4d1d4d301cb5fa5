import CSQLite

/// The arguments of one call of a registered SQL function, read without copying where the caller allows.
///
/// Valid only during the call it was passed to.
public struct FunctionArguments {
    let argv: UnsafeMutablePointer<OpaquePointer?>?
    /// The number of arguments.
    public let count: Int

    init(count: Int32, argv: UnsafeMutablePointer<OpaquePointer?>?) {
        self.count = Int(count)
        self.argv = argv
    }

    @inline(__always) func raw(_ index: Int) -> OpaquePointer? { argv?[index] }

    /// The arguments after the first `n` (for a function that forwards its other arguments to another body).
    public func dropping(first n: Int) -> FunctionArguments {
        let kept = Swift.max(0, count - n)
        return FunctionArguments(count: Int32(kept), argv: kept == 0 ? nil : argv.map { $0 + n })
    }

    /// The storage class of argument `index`.
    public func kind(_ index: Int) -> SQLiteValue.Kind {
        switch sqlite3_value_type(raw(index)) {
        case SQLITE_INTEGER: return .integer
        case SQLITE_FLOAT: return .real
        case SQLITE_TEXT: return .text
        case SQLITE_BLOB: return .blob
        default: return .null
        }
    }

    /// True when argument `index` is NULL.
    public func isNull(_ index: Int) -> Bool { sqlite3_value_type(raw(index)) == SQLITE_NULL }

    /// True when any argument is NULL.
    public var anyNull: Bool { (0..<count).contains { isNull($0) } }

    /// Argument `index` as an integer (SQLite's conversion for other classes).
    public func int64(_ index: Int) -> Int64 { sqlite3_value_int64(raw(index)) }

    /// Argument `index` as a double (SQLite's conversion for other classes).
    public func double(_ index: Int) -> Double { sqlite3_value_double(raw(index)) }

    /// Argument `index` as text (a copy).
    public func string(_ index: Int) -> String {
        withUTF8(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of argument `index`, without copying them.
    public func withUTF8<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let value = raw(index)
        guard let text = sqlite3_value_text(value) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let length = Int(sqlite3_value_bytes(value))
        return try body(UnsafeBufferPointer(start: text, count: length))
    }

    /// Argument `index` as bytes (a copy).
    public func blob(_ index: Int) -> [UInt8] {
        let value = raw(index)
        let length = Int(sqlite3_value_bytes(value))
        guard length > 0, let pointer = sqlite3_value_blob(value) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }

    /// Argument `index` as a value of its own storage class.
    public func value(_ index: Int) -> SQLiteValue {
        switch kind(index) {
        case .integer: return .integer(int64(index))
        case .real: return .real(double(index))
        case .text: return .text(string(index))
        case .blob: return .blob(blob(index))
        case .null: return .null
        }
    }
}

extension SQLiteValue {
    /// The storage class of a value.
    public enum Kind: Sendable, Hashable {
        /// NULL.
        case null
        /// INTEGER.
        case integer
        /// REAL.
        case real
        /// TEXT.
        case text
        /// BLOB.
        case blob
    }
}
