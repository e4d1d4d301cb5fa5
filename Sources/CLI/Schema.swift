import ArgumentParser
import Store

/// `bmrs schema`: the BigQuery table resources the migrations declare.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a table's BigQuery table-resource JSON, as declared by the migrations in this binary.",
        discussion: """
            The output is what Schema/<table>.json holds and what `bq mk --table` accepts. No store is read.

            Examples:
              bmrs schema --table bmrs_fuelhh
              bmrs schema --table bmrs_fuelinst > Schema/bmrs_fuelinst.json
            """
    )

    @Option(help: ArgumentHelp("The table.", valueName: "table"))
    var table: String?

    @Flag(help: "List the tables the migrations declare.")
    var list = false

    func run() throws {
        try reportingErrors {
            let catalog = try Migration.catalog()
            if list || table == nil {
                for definition in catalog.tables { print(definition.reference.table) }
                return
            }
            guard let definition = catalog.table(named: table!) else {
                throw StoreError(.usage, "no table named \(table!) in the migrations")
            }
            print(definition.tableResourceJSON(), terminator: "")
        }
    }
}
