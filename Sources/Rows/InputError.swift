/// Input that cannot be read as rows: a malformed body or file, a missing field, a wrong type, a value out of
/// range. One line: where (file, row, field) and what.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// A sentence a person can act on.
    public let message: String
    /// The input file or response concerned.
    public var file: String?
    /// The 1-based data row in `file`.
    public var row: Int?
    /// The field or column concerned.
    public var field: String?

    /// Creates an error.
    public init(_ message: String, file: String? = nil, row: Int? = nil, field: String? = nil) {
        self.message = message
        self.file = file
        self.row = row
        self.field = field
    }

    public var description: String { Self.line(message, file: file, row: row, field: field) }

    /// `message` after where it happened: `file, row 3, field 'x': message` (each part only when known).
    public static func line(_ message: String, file: String?, row: Int?, field: String?) -> String {
        var location: [String] = []
        if let file { location.append(file) }
        if let row { location.append("row \(row)") }
        if let field { location.append("field '\(field)'") }
        return location.isEmpty ? message : location.joined(separator: ", ") + ": " + message
    }
}
