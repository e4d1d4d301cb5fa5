import BigQueryDDL

/// Runs the store's migrations on BigQuery and records which ran in the dataset's own `_bmrs_migrations`
/// table, so another machine's sync sees them.
struct RemoteMigrations {
    let client: BigQueryClient
    let options: SyncOptions
    let source: any SyncSource

    /// The dataset the migrations' DDL names.
    static let migrationDataset = "uk_energy_insights"
    /// The bookkeeping table's name.
    static let table = "_bmrs_migrations"

    /// Applies the migrations not recorded remotely, oldest first; returns their ids.
    func applyPending() throws(SyncError) -> [String] {
        let resource =
            "{\"tableReference\":{\"projectId\":\(jsonString(options.project)),\"datasetId\":"
            + "\(jsonString(options.dataset)),\"tableId\":\"\(Self.table)\"},\"schema\":{\"fields\":["
            + "{\"name\":\"id\",\"type\":\"STRING\",\"mode\":\"REQUIRED\"},"
            + "{\"name\":\"applied_at\",\"type\":\"TIMESTAMP\",\"mode\":\"NULLABLE\"}]}}"
        try client.insertTable(dataset: options.dataset, resourceJSON: resource)
        let recorded = Set(
            try client.queryRows(
                id: "bmrs_migrations_read_\(LocalFile.now())", sql: "SELECT id FROM \(qualified(Self.table))"
            ).compactMap { $0.first ?? nil })
        var applied: [String] = []
        let scripts: [MigrationScript]
        do { scripts = try source.migrations() } catch {
            throw SyncError(.store, "cannot read the store's migrations: \(error)")
        }
        for script in scripts where !recorded.contains(script.id) {
            for (index, statement) in try Self.statements(script).enumerated() {
                _ = try client.queryRows(
                    id: "bmrs_migration_\(script.id)_\(index)_\(LocalFile.now())", sql: mapped(statement))
            }
            _ = try client.queryRows(
                id: "bmrs_migration_record_\(script.id)_\(LocalFile.now())",
                sql: "INSERT INTO \(qualified(Self.table)) (id, applied_at) VALUES "
                    + "(\(sqlString(script.id)), CURRENT_TIMESTAMP())")
            applied.append(script.id)
        }
        return applied
    }

    /// `` `project.dataset.name` ``.
    func qualified(_ name: String) -> String { "`\(options.project).\(options.dataset).\(name)`" }

    /// The statement with the migrations' dataset replaced by the target's (`project.dataset`).
    func mapped(_ sql: String) -> String {
        sql.replacing("`\(Self.migrationDataset).", with: "`\(options.project).\(options.dataset).")
    }

    /// The migration's statements as text, split where the DDL parser says each starts.
    static func statements(_ script: MigrationScript) throws(SyncError) -> [String] {
        let located: [LocatedStatement]
        do { located = try DDLParser.parseLocated(script.sql, source: script.id) } catch {
            throw SyncError(.usage, "migration \(script.id) cannot be parsed: \(error)")
        }
        let lines = script.sql.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result: [String] = []
        for (index, statement) in located.enumerated() {
            let end = index + 1 < located.count ? located[index + 1].line - 1 : lines.count
            var text = lines[(statement.line - 1)..<max(statement.line - 1, end)].joined(separator: "\n")
            while let last = text.last, last == "\n" || last == " " || last == ";" { text.removeLast() }
            result.append(text)
        }
        return result
    }
}

/// A standard-SQL string literal.
func sqlString(_ text: String) -> String {
    "'" + text.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
}
