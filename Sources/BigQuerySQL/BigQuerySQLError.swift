/// An error in a BigQuery query, worded as BigQuery words it and placed at a line and column.
///
/// `description` reads like BigQuery's own messages, for example
/// `Syntax error: Unexpected keyword QUALIFY at [3:1]` or `Function not found: julianday at [1:8]`.
public struct BigQuerySQLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: String, Sendable, Equatable {
        /// The text is not a valid query (bad token, unexpected word, missing parenthesis).
        case syntax
        /// A name that does not resolve: table, column, function or parameter.
        case notFound
        /// Types that do not fit: no matching signature, a bad coercion.
        case type
        /// A query BigQuery rejects for another reason (grouping, aggregation, window use).
        case invalid
        /// Valid BigQuery that bmrs cannot translate exactly; ``BigQuerySQLError/message`` names the construct.
        case unsupported
    }

    /// The kind of problem.
    public var code: Code
    /// The message without the position, for example `Unrecognized name: foo`.
    public var message: String
    /// The byte offset in the query text where the problem is.
    public var offset: Int
    /// The 1-based line, filled in by ``located(in:)``; 0 until then.
    public var line: Int
    /// The 1-based column in Unicode scalars, filled in by ``located(in:)``; 0 until then.
    public var column: Int

    /// Creates an error at a byte offset; the line and column follow from ``located(in:)``.
    public init(_ code: Code, _ message: String, offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
        self.line = 0
        self.column = 0
    }

    /// The error with its line and column computed from the query text it was found in.
    public func located(in sql: String) -> BigQuerySQLError {
        var copy = self
        var line = 1
        var column = 1
        var index = 0
        for byte in sql.utf8 {
            if index >= offset { break }
            index += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        copy.line = line
        copy.column = column
        return copy
    }

    /// The message and position as BigQuery prints them: `message at [line:column]`.
    public var description: String {
        line > 0 ? "\(message) at [\(line):\(column)]" : message
    }

    /// A syntax error.
    static func syntax(_ detail: String, at offset: Int) -> BigQuerySQLError {
        BigQuerySQLError(.syntax, "Syntax error: " + detail, offset: offset)
    }

    /// A construct bmrs cannot translate exactly.
    static func unsupported(_ construct: String, at offset: Int) -> BigQuerySQLError {
        BigQuerySQLError(
            .unsupported, "Unsupported construct: \(construct) cannot be translated exactly to the local store",
            offset: offset)
    }
}
