/// The tables the migrations so far have created, checked as BigQuery would check them.
///
/// Apply each migration's statements in order. The catalog refuses what BigQuery refuses (a table
/// created twice, duplicate or unknown columns, bad partitioning or clustering, a REQUIRED column
/// added to an existing table) and, to keep a migration's meaning unambiguous, also an
/// `ADD COLUMN IF NOT EXISTS` whose type differs from the existing column's. Tables are looked up by
/// table name only: the dataset and project are kept but ignored, since a store holds each table
/// name once.
public struct Catalog: Sendable, Equatable {
    /// The tables in the order they were created.
    public private(set) var tables: [TableDefinition]

    /// Creates an empty catalog.
    public init() {
        tables = []
    }

    /// A catalog of `tables` as they are (decoded ones, already checked when they were applied).
    init(tables: [TableDefinition]) {
        self.tables = tables
    }

    /// The table `reference` names (by table name only), if it exists.
    public func table(_ reference: TableReference) -> TableDefinition? {
        tables.first { $0.reference.namesSameTable(as: reference) }
    }

    /// The table called `name`, which may be qualified (`dataset.table`) and backticked, if it exists.
    public func table(named name: String) -> TableDefinition? {
        guard let reference = try? TableReference(parsing: name) else { return nil }
        return table(reference)
    }

    /// Parses a migration and applies all its statements, or none of them if one fails.
    ///
    /// - Parameters:
    ///   - sql: The migration's text.
    ///   - source: The migration's file name, used in errors.
    public mutating func apply(sql: String, source: String) throws(DDLError) {
        var updated = self
        for located in try DDLParser.parseLocated(sql, source: source) {
            try updated.apply(located.statement, source: located.source, line: located.line, column: located.column)
        }
        self = updated
    }

    /// Applies one statement, or throws and leaves the catalog unchanged.
    ///
    /// - Parameters:
    ///   - statement: The statement to apply.
    ///   - source: The migration's file name, used in errors.
    ///   - line: The statement's line, used in errors.
    ///   - column: The statement's column, used in errors.
    public mutating func apply(
        _ statement: DDLStatement, source: String, line: Int, column: Int = 1
    ) throws(DDLError) {
        let position = SourcePosition(source: source, line: line, column: column)
        switch statement {
        case .createTable(let table, let ifNotExists):
            try create(table, ifNotExists: ifNotExists, at: position)
        case .addColumns(let reference, let clauses):
            try addColumns(clauses, to: reference, at: position)
        case .setOptions(let reference, let options):
            let index = try indexOfTable(reference, at: position)
            var table = tables[index]
            table.apply(options)
            tables[index] = try table.validated(at: position)
        }
    }

    /// Adds a table, or does nothing for `IF NOT EXISTS` when a table of that name exists.
    private mutating func create(
        _ table: TableDefinition, ifNotExists: Bool, at position: SourcePosition
    ) throws(DDLError) {
        // BigQuery checks the statement before it looks for the table, so even a skipped
        // CREATE TABLE IF NOT EXISTS must be a valid definition.
        let validated = try table.validated(at: position)
        let name = table.reference.table
        if self.table(table.reference) != nil {
            if ifNotExists { return }
            throw DDLError.make(
                .duplicateTable,
                "duplicate table: '\(name)' already exists; an earlier migration created it", at: position)
        }
        if let clash = tables.first(where: { $0.reference.table.lowercased() == name.lowercased() }) {
            throw DDLError.make(
                .duplicateTable,
                "duplicate table: '\(name)' differs only in letter case from existing table "
                    + "'\(clash.reference.table)', and a bmrs store cannot hold both",
                at: position)
        }
        tables.append(validated)
    }

    /// Adds columns to an existing table, all or none.
    private mutating func addColumns(
        _ clauses: [DDLStatement.AddColumn], to reference: TableReference, at position: SourcePosition
    ) throws(DDLError) {
        let index = try indexOfTable(reference, at: position)
        var table = tables[index]
        for clause in clauses {
            let column = clause.column
            if column.isRequired {
                throw DDLError.make(
                    .refusedChange,
                    "refused change: BigQuery cannot add a REQUIRED column to an existing table "
                        + "(column '\(column.name)' NOT NULL in table '\(table.reference.table)')",
                    at: position)
            }
            if let existing = table.column(named: column.name) {
                guard clause.ifNotExists else {
                    throw DDLError.make(
                        .duplicateColumn,
                        "duplicate column: table '\(table.reference.table)' already has column '\(existing.name)'",
                        at: position)
                }
                guard existing.type == column.type else {
                    throw DDLError.make(
                        .refusedChange,
                        "refused change: column '\(existing.name)' of table '\(table.reference.table)' is "
                            + "\(existing.type.rawValue), not \(column.type.rawValue); BigQuery would skip "
                            + "ADD COLUMN IF NOT EXISTS and keep \(existing.type.rawValue)",
                        at: position)
                }
                continue
            }
            table.columns.append(column)
        }
        tables[index] = try table.validated(at: position)
    }

    /// The index of the table `reference` names, or an ``DDLError/Code/unknownTable`` error.
    private func indexOfTable(_ reference: TableReference, at position: SourcePosition) throws(DDLError) -> Int {
        guard let index = tables.firstIndex(where: { $0.reference.namesSameTable(as: reference) }) else {
            let known =
                tables.isEmpty
                ? "no tables exist yet" : "known tables: " + tables.map(\.reference.table).joined(separator: ", ")
            throw DDLError.make(
                .unknownTable, "unknown table '\(reference.qualifiedName)': \(known)", at: position)
        }
        return index
    }
}
