import BigQueryDDL
import Rows

extension StoredColumn {
    /// The SQLite type the column is declared with in hot tables and virtual tables.
    var sqliteType: String {
        switch kind {
        case .integer, .boolean: return "INTEGER"
        case .real: return "REAL"
        case .text, .date: return "TEXT"
        case .timestamp: return "TEXT"
        }
    }

    /// The SQLite type of the column in the hot table (TIMESTAMP is kept as integer microseconds there).
    var hotType: String { kind == .timestamp ? "INTEGER" : sqliteType }

    static func kind(of type: BigQueryType) -> Kind? {
        switch type {
        case .int64: return .integer
        case .float64: return .real
        case .string: return .text
        case .date: return .date
        case .timestamp: return .timestamp
        case .bool: return .boolean
        default: return nil
        }
    }
}

extension TableSchema {
    /// Lays out `definition`; throws when the store cannot keep such a table.
    public init(_ definition: TableDefinition) throws(StoreError) {
        let name = definition.reference.table
        var columns: [StoredColumn] = []
        for column in definition.columns {
            guard let kind = StoredColumn.kind(of: column.type) else {
                throw StoreError(
                    .migration,
                    "table \(name), column \(column.name): the bmrs store does not support "
                        + "\(column.type.rawValue) columns (supported: INT64, FLOAT64, STRING, BOOL, DATE, TIMESTAMP)")
            }
            columns.append(
                StoredColumn(name: column.name, type: column.type, kind: kind, isRequired: column.isRequired))
        }
        func index(_ column: String) -> Int? {
            columns.firstIndex { $0.name.lowercased() == column.lowercased() }
        }
        guard !definition.primaryKey.isEmpty else {
            throw StoreError(
                .migration, "table \(name) has no PRIMARY KEY (…) NOT ENFORCED: bmrs needs it as the dedup key")
        }
        let keyIndices = definition.primaryKey.compactMap(index)
        guard let partitionColumn = definition.partitionColumn, let partitionIndex = index(partitionColumn),
            columns[partitionIndex].kind == .date
        else {
            throw StoreError(
                .migration, "table \(name) must be PARTITION BY a DATE column: bmrs keeps one partition per day")
        }
        guard keyIndices.contains(partitionIndex) else {
            throw StoreError(
                .migration, "table \(name): the partition column \(partitionColumn) must be part of the primary key")
        }
        var sort = definition.clusterColumns.compactMap(index).filter { $0 != partitionIndex }
        for key in keyIndices where key != partitionIndex && !sort.contains(key) { sort.append(key) }
        self.init(
            definition: definition, columns: columns, keyIndices: keyIndices, partitionIndex: partitionIndex,
            sortIndices: sort,
            versionIndices: ["startTime", "publishTime", "_ingested_utc"].compactMap(index)
                .filter { columns[$0].kind == .timestamp },
            ingestedIndex: index("_ingested_utc").flatMap { columns[$0].kind == .timestamp ? $0 : nil },
            publishIndex: index("publishTime"))
    }

    /// The name of the hot-tier table that holds this table's recent rows.
    public var hotTableName: String { "_bmrs_hot_" + name }

    /// Columns that are neither key nor version columns: the values a revision can change.
    var valueIndices: [Int] {
        columns.indices.filter { !keyIndices.contains($0) && !versionIndices.contains($0) }
    }

    /// Columns compared to tell an identical re-delivery from a new version: all but the ingestion stamp.
    var contentIndices: [Int] {
        columns.indices.filter { $0 != ingestedIndex }
    }
}

/// Quotes an SQL identifier.
func quoted(_ identifier: String) -> String {
    "\"" + identifier.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
}
