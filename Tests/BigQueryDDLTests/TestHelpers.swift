import BigQueryDDL
import Testing

/// The error parsing `sql` throws, or `nil` when it parses.
func parseError(_ sql: String, source: String = "test.sql") -> DDLError? {
    do {
        _ = try DDLParser.parse(sql, source: source)
        return nil
    } catch {
        return error
    }
}

/// The error applying `sql` to `catalog` throws, or `nil` when it applies.
func applyError(_ sql: String, to catalog: Catalog = Catalog(), source: String = "test.sql") -> DDLError? {
    var catalog = catalog
    do {
        try catalog.apply(sql: sql, source: source)
        return nil
    } catch {
        return error
    }
}

/// The only statement in `sql`; records an issue when there is not exactly one.
func parseOne(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> DDLStatement {
    let statements = try DDLParser.parse(sql, source: "test.sql")
    #expect(statements.count == 1, sourceLocation: sourceLocation)
    return try #require(statements.first, sourceLocation: sourceLocation)
}

/// The table the only statement in `sql` creates; records an issue when it is not a CREATE TABLE.
func parseCreate(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> TableDefinition {
    guard case .createTable(let table, _) = try parseOne(sql, sourceLocation: sourceLocation) else {
        Issue.record("expected a CREATE TABLE statement", sourceLocation: sourceLocation)
        throw TestFailure.unexpectedStatement
    }
    return table
}

/// A catalog with the migrations in `sql` applied.
func catalog(_ sql: String) throws -> Catalog {
    var catalog = Catalog()
    try catalog.apply(sql: sql, source: "setup.sql")
    return catalog
}

/// Failures the helpers raise after recording an issue.
enum TestFailure: Error {
    case unexpectedStatement
}

/// A small partitioned, clustered table used by several suites.
let readingsTable = """
    CREATE TABLE ds.readings (
      day DATE NOT NULL,
      seenAt TIMESTAMP,
      site STRING NOT NULL,
      value FLOAT64,
      PRIMARY KEY (day, site) NOT ENFORCED
    )
    PARTITION BY day
    CLUSTER BY site;
    """
