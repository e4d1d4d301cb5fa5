import BigQueryDDL
import Testing

@Suite struct TableReferenceTests {
    static let forms: [(String, TableReference)] = [
        ("p.d.t", TableReference(project: "p", dataset: "d", table: "t")),
        ("`p.d.t`", TableReference(project: "p", dataset: "d", table: "t")),
        ("`p`.`d`.`t`", TableReference(project: "p", dataset: "d", table: "t")),
        ("`my-project`.d.t", TableReference(project: "my-project", dataset: "d", table: "t")),
        ("`my-project.d`.t", TableReference(project: "my-project", dataset: "d", table: "t")),
        ("d.t", TableReference(dataset: "d", table: "t")),
        ("`d.t`", TableReference(dataset: "d", table: "t")),
        ("t", TableReference(table: "t")),
        ("`t`", TableReference(table: "t")),
        ("d.`select`", TableReference(dataset: "d", table: "select")),
    ]

    @Test(arguments: forms)
    func parsesEveryFormOfTableName(text: String, expected: TableReference) throws {
        #expect(try TableReference(parsing: text) == expected)
        let table = try parseCreate("CREATE TABLE \(text) (c INT64)")
        #expect(table.reference == expected)
    }

    @Test(arguments: ["a.b.c.d", "`a..b`", "a.", "", "(t)", "t u"])
    func refusesMalformedTableNames(text: String) {
        #expect(throws: DDLError.self) { try TableReference(parsing: text) }
    }

    @Test func writesQualifiedNameAndBacktickedDescription() {
        let reference = TableReference(project: "p", dataset: "d", table: "t")
        #expect(reference.qualifiedName == "p.d.t")
        #expect(reference.description == "`p.d.t`")
        #expect(TableReference(table: "t").qualifiedName == "t")
    }

    @Test func namesTheSameTableRegardlessOfDatasetButNotOfCase() {
        let plain = TableReference(table: "t")
        #expect(plain.namesSameTable(as: TableReference(project: "p", dataset: "d", table: "t")))
        #expect(!plain.namesSameTable(as: TableReference(table: "T")))
    }
}
