/// A value as SQLite stores it: one of its five storage classes.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// SQLite's five storage classes, without the value.
    public enum StorageClass: Sendable {
        case null, integer, real, text, blob
    }

    /// The text of a `.text` value, nil otherwise.
    public var textValue: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    /// The integer of an `.integer` value, nil otherwise.
    public var integerValue: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }
}

/// A pointer to an empty C string, for empty Swift strings whose buffer has no address.
nonisolated(unsafe) let emptyCString: UnsafePointer<CChar> = {
    let memory = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    memory.initialize(to: 0)
    return UnsafePointer(memory)
}()
