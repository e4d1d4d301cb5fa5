import BigQueryDDL

/// A table definition as the BigQuery `CREATE TABLE` statement that makes it (`.schema`).
enum TableDDL {
    /// The DDL for `table` in dataset `dataset` (when the definition names none).
    static func create(_ table: TableDefinition, dataset: String) -> String {
        let name =
            table.reference.dataset.map { "\($0).\(table.reference.table)" } ?? "\(dataset).\(table.reference.table)"
        var lines: [String] = []
        for column in table.columns {
            var line = "  \(column.name) \(column.type.rawValue)"
            if column.isRequired { line += " NOT NULL" }
            if let description = column.description { line += " OPTIONS(description=\(quoted(description)))" }
            lines.append(line)
        }
        if !table.primaryKey.isEmpty {
            lines.append("  PRIMARY KEY (\(table.primaryKey.joined(separator: ", "))) NOT ENFORCED")
        }
        var text = "CREATE TABLE `\(name)` (\n" + lines.joined(separator: ",\n") + "\n)"
        if let partition = table.partitionColumn {
            let type = table.column(named: partition)?.type
            text += "\nPARTITION BY " + (type == .date ? partition : "DATE(\(partition))")
        }
        if !table.clusterColumns.isEmpty { text += "\nCLUSTER BY " + table.clusterColumns.joined(separator: ", ") }
        var options: [String] = []
        if let description = table.description { options.append("description=\(quoted(description))") }
        if let expiration = table.partitionExpirationMs {
            options.append("partition_expiration_days=\(Double(expiration) / 86_400_000)")
        }
        if table.requirePartitionFilter { options.append("require_partition_filter=true") }
        if !table.labels.isEmpty {
            let labels = table.labels.sorted { $0.key < $1.key }.map { "(\(quoted($0.key)), \(quoted($0.value)))" }
            options.append("labels=[\(labels.joined(separator: ", "))]")
        }
        if !options.isEmpty { text += "\nOPTIONS(\n  " + options.joined(separator: ",\n  ") + "\n)" }
        return text + ";\n"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n") + "\""
    }
}
