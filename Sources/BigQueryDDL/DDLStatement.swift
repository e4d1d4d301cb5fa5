/// One DDL statement of the subset bmrs migrations support.
public enum DDLStatement: Sendable, Equatable {
    /// One `ADD COLUMN [IF NOT EXISTS] name type [OPTIONS(...)]` clause of an `ALTER TABLE`.
    public struct AddColumn: Sendable, Equatable {
        /// The column to add.
        public var column: ColumnDefinition
        /// Whether the clause says `IF NOT EXISTS`, making it a no-op when the column exists.
        public var ifNotExists: Bool

        /// Creates an `ADD COLUMN` clause.
        public init(column: ColumnDefinition, ifNotExists: Bool = false) {
            self.column = column
            self.ifNotExists = ifNotExists
        }
    }

    /// `CREATE TABLE [IF NOT EXISTS] ...`.
    case createTable(TableDefinition, ifNotExists: Bool)
    /// `ALTER TABLE ... ADD COLUMN ..., ADD COLUMN ...`, one or more clauses applied together.
    case addColumns(TableReference, [AddColumn])
    /// `ALTER TABLE ... SET OPTIONS(...)`.
    case setOptions(TableReference, TableOptions)

    /// The table the statement creates or changes.
    public var reference: TableReference {
        switch self {
        case .createTable(let table, _): table.reference
        case .addColumns(let reference, _): reference
        case .setOptions(let reference, _): reference
        }
    }
}

/// A parsed statement with the position of its first token, so later errors can point at it.
public struct LocatedStatement: Sendable, Equatable {
    /// The statement.
    public var statement: DDLStatement
    /// The file (or other source) the statement came from.
    public var source: String
    /// The 1-based line of the statement's first token.
    public var line: Int
    /// The 1-based column of the statement's first token.
    public var column: Int

    /// Creates a located statement.
    public init(statement: DDLStatement, source: String, line: Int, column: Int) {
        self.statement = statement
        self.source = source
        self.line = line
        self.column = column
    }
}
