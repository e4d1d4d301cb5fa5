import BigQueryDDL

/// Compares a remote table with the catalog's definition and creates or migrates it.
struct RemoteSchema {
    let client: BigQueryClient
    let options: SyncOptions
    let source: any SyncSource

    /// The catalog's definition of `table`, named in the target dataset.
    func localDefinition(_ table: String) throws(SyncError) -> TableDefinition {
        guard var definition = source.catalog.table(named: table) else {
            throw SyncError(.usage, "the store has no table named \(table)")
        }
        definition.reference = TableReference(project: options.project, dataset: options.dataset, table: table)
        return definition
    }

    /// Makes sure the target exists with the catalog's schema: creates it when missing; when it differs, runs
    /// the pending migrations (with `applyMigrations`) or throws the column-by-column diff. Returns what it did.
    func ensure(_ table: String) throws(SyncError) -> String? {
        let local = try localDefinition(table)
        guard let json = try client.getTable(dataset: options.dataset, table: table) else {
            try client.insertTable(dataset: options.dataset, resourceJSON: local.tableResourceJSON())
            return "created \(options.target(table)) from the catalog"
        }
        var differences = try Self.differences(local: local, remoteJSON: json, table: table)
        if differences.isEmpty { return nil }
        guard options.applyMigrations else {
            throw SyncError(
                .schemaMismatch,
                "the remote schema of \(options.target(table)) differs from the store's: "
                    + differences.joined(separator: "; ")
                    + " (run with --apply-migrations to apply the pending migrations remotely)")
        }
        let applied = try RemoteMigrations(client: client, options: options, source: source).applyPending()
        guard let after = try client.getTable(dataset: options.dataset, table: table) else {
            throw SyncError(.schemaMismatch, "\(options.target(table)) disappeared while migrating")
        }
        differences = try Self.differences(local: local, remoteJSON: after, table: table)
        guard differences.isEmpty else {
            throw SyncError(
                .schemaMismatch,
                "after the migrations, the remote schema of \(options.target(table)) still differs: "
                    + differences.joined(separator: "; "))
        }
        return "applied migrations \(applied.joined(separator: ", ")) to \(options.dataset)"
    }

    /// One line per difference: columns missing on either side, types, modes, order, partitioning, clustering.
    static func differences(local: TableDefinition, remoteJSON: String, table: String) throws(SyncError) -> [String] {
        let remote: TableDefinition
        do {
            remote = try TableDefinition(tableResourceJSON: remoteJSON, source: "tables.get \(table)")
        } catch {
            throw SyncError(.schemaMismatch, "the remote table cannot be compared: \(error)", context: table)
        }
        var lines: [String] = []
        for column in local.columns {
            guard let other = remote.column(named: column.name) else {
                lines.append("column \(column.name) \(column.type.rawValue) \(column.mode) is missing remotely")
                continue
            }
            if other.type != column.type || other.mode != column.mode {
                lines.append(
                    "column \(column.name) is \(other.type.rawValue) \(other.mode) remotely, "
                        + "\(column.type.rawValue) \(column.mode) locally")
            }
        }
        for column in remote.columns where local.column(named: column.name) == nil {
            lines.append("column \(column.name) \(column.type.rawValue) exists only remotely")
        }
        if lines.isEmpty, remote.columns.map(\.name) != local.columns.map(\.name) {
            lines.append(
                "column order differs: remote (\(remote.columns.map(\.name).joined(separator: ", "))), "
                    + "local (\(local.columns.map(\.name).joined(separator: ", ")))")
        }
        if remote.partitionColumn != local.partitionColumn {
            lines.append(
                "partitioned by \(remote.partitionColumn ?? "nothing") remotely, "
                    + "\(local.partitionColumn ?? "nothing") locally")
        }
        return lines
    }
}
