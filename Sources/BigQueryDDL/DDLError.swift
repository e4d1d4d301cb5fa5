/// An error found while reading or applying a BigQuery DDL migration, with where it happened.
///
/// `description` is one sentence a person can act on, prefixed by the position, for example
/// `0003_x.sql:4:3: unsupported construct 'DROP COLUMN': bmrs migrations support CREATE TABLE,
/// ALTER TABLE ADD COLUMN and ALTER TABLE SET OPTIONS`.
public struct DDLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The text is not valid DDL (bad token, unexpected word, missing parenthesis, ...).
        case syntax
        /// Valid BigQuery DDL that bmrs deliberately does not support; ``DDLError/construct`` names it.
        case unsupportedConstruct
        /// A change BigQuery would refuse on an existing table (a REQUIRED column added, a type change).
        case refusedChange
        /// A statement refers to a table that no earlier migration created.
        case unknownTable
        /// A primary key, partition or cluster clause names a column the table does not have.
        case unknownColumn
        /// `CREATE TABLE` without `IF NOT EXISTS` of a table that already exists.
        case duplicateTable
        /// Two columns with the same name (compared case-insensitively, as BigQuery does).
        case duplicateColumn
        /// A column, table or label name BigQuery would not accept.
        case invalidName
        /// A definition BigQuery would refuse: bad partitioning, clustering, primary key or option value.
        case invalidDefinition
        /// A table-resource JSON document that is malformed or describes something bmrs does not support.
        case invalidTableResource
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong, starting with the kind of problem, without the position prefix.
    public var message: String
    /// The construct refused, for ``Code/unsupportedConstruct`` errors (for example `DROP COLUMN`).
    public var construct: String?
    /// The file (or other source) the DDL came from, for example `0003_add_fuelhh.sql`.
    public var source: String
    /// The 1-based line of the problem, or 0 when the source has no lines (a JSON document).
    public var line: Int
    /// The 1-based column (in Unicode scalars) of the problem, or 0 when unknown.
    public var column: Int

    /// Creates an error from its parts.
    public init(code: Code, message: String, construct: String? = nil, source: String, line: Int, column: Int) {
        self.code = code
        self.message = message
        self.construct = construct
        self.source = source
        self.line = line
        self.column = column
    }

    /// The error as one sentence: `source:line:column: message`.
    public var description: String {
        if line > 0 {
            return "\(source):\(line):\(column > 0 ? column : 1): \(message)"
        }
        return "\(source): \(message)"
    }
}

/// Where something is in a source text; the position every ``DDLError`` reports.
struct SourcePosition: Sendable, Equatable {
    /// The source's name, usually a migration file name.
    var source: String
    /// The 1-based line.
    var line: Int
    /// The 1-based column, in Unicode scalars.
    var column: Int
}

extension DDLError {
    /// The statements bmrs migrations accept, the hint after a refused statement.
    static let supportedStatements =
        "bmrs migrations support CREATE TABLE, ALTER TABLE ADD COLUMN and ALTER TABLE SET OPTIONS"

    /// A syntax error at a position.
    static func syntax(_ detail: String, at position: SourcePosition) -> DDLError {
        make(.syntax, "syntax error: \(detail)", at: position)
    }

    /// A refusal of a construct bmrs does not support, with a hint saying what is supported.
    static func unsupported(_ construct: String, hint: String, at position: SourcePosition) -> DDLError {
        var error = make(.unsupportedConstruct, "unsupported construct '\(construct)': \(hint)", at: position)
        error.construct = construct
        return error
    }

    /// An error of any code whose message is already complete.
    static func make(_ code: Code, _ message: String, at position: SourcePosition) -> DDLError {
        DDLError(code: code, message: message, source: position.source, line: position.line, column: position.column)
    }
}
