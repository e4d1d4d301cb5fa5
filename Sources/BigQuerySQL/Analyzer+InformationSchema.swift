extension Analyzer {
    /// `dataset.INFORMATION_SCHEMA.TABLES`, `.COLUMNS` and `.PARTITIONS`, answered from the catalog and the store.
    func translateInformationSchema(_ path: [Name], at index: Int, alias: Name?, offset: Int, scope: Scope)
        throws(BigQuerySQLError) -> String
    {
        guard index == path.count - 2 else {
            throw BigQuerySQLError(
                .notFound, "Not found: Table \(path.map(\.text).joined(separator: ".")) was not found", offset: offset)
        }
        if index >= 1, path[index - 1].text != dataset {
            throw BigQuerySQLError(
                .notFound, "Not found: Dataset \(path[index - 1].text) was not found", offset: path[index - 1].offset)
        }
        let project = index >= 2 ? path[index - 2].text : nil
        let view = path[path.count - 1].text.uppercased()
        var columns: [(String, SQLType)] = [
            ("table_catalog", .string), ("table_schema", .string), ("table_name", .string),
        ]
        var rows: [[String]] = []
        func text(_ s: String?) -> String { s.map(sqlString) ?? "NULL" }
        for table in catalog.tables {
            let prefix = [text(project ?? table.reference.project), text(dataset), text(table.reference.table)]
            switch view {
            case "TABLES":
                rows.append(prefix + ["'BASE TABLE'", "'YES'", "'NO'"])
            case "COLUMNS":
                for (position, column) in table.columns.enumerated() {
                    let clustering = table.clusterColumns.firstIndex { $0.lowercased() == column.name.lowercased() }
                    rows.append(
                        prefix + [
                            text(column.name), String(position + 1), column.isRequired ? "'NO'" : "'YES'",
                            text(SQLType(column.type).description),
                            table.partitionColumn?.lowercased() == column.name.lowercased() ? "'YES'" : "'NO'",
                            clustering.map { String($0 + 1) } ?? "NULL",
                        ])
                }
            case "PARTITIONS":
                guard let statistics else {
                    throw .unsupported("INFORMATION_SCHEMA.PARTITIONS without a store", at: offset)
                }
                let partitions: [PartitionStatistic]
                do {
                    partitions = try statistics.partitions(ofTable: table.reference.table)
                } catch {
                    throw BigQuerySQLError(
                        .invalid, "Cannot read the partitions of \(table.reference.table): \(error)", offset: offset)
                }
                for partition in partitions {
                    let bytes = partition.logicalBytes.values.reduce(0, +)
                    rows.append(
                        prefix + [
                            sqlString(partition.date.replacingOccurrences(of: "-", with: "")),
                            String(partition.rowCount), String(bytes), "'ACTIVE'",
                        ])
                }
            default:
                throw .unsupported("INFORMATION_SCHEMA.\(view)", at: path[path.count - 1].offset)
            }
        }
        switch view {
        case "TABLES":
            columns += [("table_type", .string), ("is_insertable_into", .string), ("is_typed", .string)]
        case "COLUMNS":
            columns += [
                ("column_name", .string), ("ordinal_position", .int64), ("is_nullable", .string),
                ("data_type", .string),
                ("is_partitioning_column", .string), ("clustering_ordinal_position", .int64),
            ]
        default:
            columns += [
                ("partition_id", .string), ("total_rows", .int64), ("total_logical_bytes", .int64),
                ("storage_tier", .string),
            ]
        }
        let names = columns.indices.map { "_c\($0)" }
        var selects = rows.map { row in
            "SELECT " + zip(row, names).map { "\($0) AS \($1)" }.joined(separator: ", ")
        }
        if selects.isEmpty {
            selects = ["SELECT " + names.map { "NULL AS \($0)" }.joined(separator: ", ") + " WHERE 0"]
        }
        let name = freshName("t")
        scope.variables.append(
            RangeVariable(
                alias: alias?.text ?? path[path.count - 1].text,
                columns: columns.enumerated().map { index, column in
                    ScopeColumn(name: column.0, type: column.1, sql: "\(name).\(names[index])")
                }))
        return "(\(selects.joined(separator: " UNION ALL "))) AS \(name)"
    }
}
