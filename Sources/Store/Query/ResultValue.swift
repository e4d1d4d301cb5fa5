import SQLite

/// One value of a query result, copied out of SQLite: one of its five storage classes.
///
/// `ResultRow` reads columns without this copy; take a `ResultValue` when the value must outlive the row.
public enum ResultValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The storage class of a value, without the value: `null`, `integer`, `real`, `text` or `blob`.
    public typealias Kind = SQLiteValue.StorageClass

    /// The storage class of this value.
    public var kind: Kind {
        switch self {
        case .null: return .null
        case .integer: return .integer
        case .real: return .real
        case .text: return .text
        case .blob: return .blob
        }
    }

    /// The integer of an `.integer` value, nil otherwise.
    public var integerValue: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }

    /// The double of a `.real` value, nil otherwise.
    public var realValue: Double? {
        if case .real(let d) = self { return d }
        return nil
    }

    /// The text of a `.text` value, nil otherwise.
    public var textValue: String? {
        if case .text(let s) = self { return s }
        return nil
    }
}
