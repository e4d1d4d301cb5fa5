import Rows

/// An error from the store: what went wrong, where, and what to do about it.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable {
        /// An input file is malformed, has a missing field, a wrong type or a value out of range.
        case invalidInput
        /// The store file is missing, not a bmrs store, or damaged.
        case badStore
        /// A migration cannot be applied (or an applied one was edited).
        case migration
        /// The store was written by a newer bmrs.
        case storeTooNew
        /// Another process holds the write lock.
        case locked
        /// The request names something that does not exist or makes no sense.
        case usage
        /// SQLite, zstd or the file system failed.
        case io
    }

    /// The kind of failure.
    public let code: Code
    /// A sentence a person can act on.
    public let message: String
    /// The input file, store or migration concerned.
    public var file: String?
    /// The 1-based data row in `file`.
    public var row: Int?
    /// The field or column concerned.
    public var field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, file: String? = nil, row: Int? = nil, field: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.row = row
        self.field = field
    }

    public var description: String { InputError.line(message, file: file, row: row, field: field) }
}
