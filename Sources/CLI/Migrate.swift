import ArgumentParser
import Store

/// `bmrs migrate`: apply pending migrations, or list them.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations (Migrations/*.sql, BigQuery DDL) to the store.",
        discussion: """
            Each migration runs in one transaction and is recorded with its SHA-256 checksum. An applied
            migration that was edited, a construct outside the supported DDL subset, a change BigQuery would
            refuse, or a store written by a newer bmrs stops with an error and changes nothing.
            A missing store is created.

            Examples:
              bmrs migrate
              bmrs migrate --status
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "List applied and pending migrations without changing anything.")
    var status = false

    func run() throws {
        try reportingErrors {
            if status {
                let warehouse = try storeOptions.open(.read)
                for migration in try warehouse.migrator.status() {
                    let state = migration.appliedAt.map { "applied \($0)" } ?? "pending"
                    print("\(migration.id)  \(state)  sha256:\(migration.checksum.prefix(16))")
                }
                return
            }
            let warehouse = try storeOptions.open(.migrate)
            let applied =
                warehouse.wasCreated ? try warehouse.migrator.status().map(\.id) : try warehouse.migrator.migrate()
            if applied.isEmpty {
                print("\(warehouse.path): up to date (\(warehouse.knownMigrations.count) migration(s) applied)")
            } else {
                print(
                    "\(warehouse.path): applied \(applied.joined(separator: ", "))"
                        + (warehouse.wasCreated ? " (new store)" : ""))
            }
        }
    }
}
