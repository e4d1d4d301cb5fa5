import BigQueryFunctions
import SQLite
import Testing

@Suite struct CatalogTests {
    @Test func namesAreUniqueAndPrefixed() {
        let names = FunctionCatalog.entries.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasPrefix("bq_") })
    }

    @Test func everyCatalogEntryIsRegisteredWithItsArgumentCounts() throws {
        let db = try Database(path: ":memory:")
        try BigQueryFunctions.register(on: db)
        for entry in FunctionCatalog.entries {
            for count in entry.argumentCounts {
                let arguments = Array(repeating: "NULL", count: count < 0 ? 7 : count).joined(separator: ", ")
                let sql =
                    entry.kind == .aggregate
                    ? "SELECT \(entry.name)(\(arguments)) FROM (SELECT 1 WHERE 0)"
                    : "SELECT \(entry.name)(\(arguments))"
                #expect(throws: Never.self, "\(sql)") { _ = try db.prepare(sql: sql) }
            }
        }
    }

    @Test func registeringLeavesTheConnectionFreeToClose() throws {
        weak var closed: Database?
        do {
            let db = try Database(path: ":memory:")
            try BigQueryFunctions.register(on: db)
            _ = try db.scalar(sql: "SELECT bq_timestamp_trunc('2018-06-21 12:00:00', 'DAY', 'Europe/London')")
            closed = db
        }
        #expect(closed == nil)
    }

    @Test func registersNothingOutsideTheCatalog() throws {
        let db = try Database(path: ":memory:")
        try BigQueryFunctions.register(on: db)
        let registered = try db.rows(
            sql: "SELECT DISTINCT name FROM pragma_function_list WHERE name LIKE 'bq\\_%' ESCAPE '\\'"
        )
        .compactMap { $0.first?.textValue }
        let catalogued = Set(FunctionCatalog.entries.map(\.name))
        #expect(Set(registered) == catalogued)
    }

    @Test func marksOnlyCurrentFunctionsAndErrorNonDeterministic() {
        for entry in FunctionCatalog.entries {
            #expect(
                entry.deterministic == !(entry.name.hasPrefix("bq_current_") || entry.name == "bq_error"),
                "\(entry.name)")
        }
    }
}
