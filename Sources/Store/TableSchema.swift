import BigQueryDDL

/// How the store keeps one column: the BigQuery type and the storage form of its cells.
public struct StoredColumn: Sendable, Equatable {
    /// The storage form of a column's cells.
    public enum Kind: UInt8, Sendable {
        case integer = 1
        case real = 2
        case text = 3
        case date = 4
        case timestamp = 5
        case boolean = 6
    }

    /// The column name as declared.
    public let name: String
    /// The BigQuery type as declared.
    public let type: BigQueryType
    /// The storage form.
    public let kind: Kind
    /// True for NOT NULL (REQUIRED) columns.
    public let isRequired: Bool

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

/// A table of the catalog as the store lays it out: columns, key, partition and cluster columns,
/// the order rows are sorted in, and the columns that decide which version of a key wins.
public struct TableSchema: Sendable {
    /// The table as declared by the migrations.
    public let definition: TableDefinition
    /// The table name (`bmrs_fuelinst`).
    public var name: String { definition.reference.table }
    /// The columns, in declaration order.
    public let columns: [StoredColumn]
    /// Indices of the primary-key columns, in key order.
    public let keyIndices: [Int]
    /// Index of the DATE column the table is partitioned by.
    public let partitionIndex: Int
    /// Row order inside a partition: cluster columns, then the remaining key columns.
    public let sortIndices: [Int]
    /// Columns that order versions of one key, most significant first: startTime, publishTime, _ingested_utc.
    public let versionIndices: [Int]
    /// The column stamped with the time bmrs stored a row, if the table has one.
    public let ingestedIndex: Int?
    /// The column holding the publish time, if any (recorded with revisions).
    public let publishIndex: Int?

    /// Lays out `definition`; throws when the store cannot keep such a table.
    public init(_ definition: TableDefinition) throws(StoreError) {
        self.definition = definition
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
        self.columns = columns
        func index(_ column: String) -> Int? {
            columns.firstIndex { $0.name.lowercased() == column.lowercased() }
        }
        guard !definition.primaryKey.isEmpty else {
            throw StoreError(
                .migration, "table \(name) has no PRIMARY KEY (…) NOT ENFORCED: bmrs needs it as the dedup key")
        }
        keyIndices = definition.primaryKey.compactMap(index)
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
        self.partitionIndex = partitionIndex
        var sort = definition.clusterColumns.compactMap(index).filter { $0 != partitionIndex }
        for key in keyIndices where key != partitionIndex && !sort.contains(key) { sort.append(key) }
        sortIndices = sort
        versionIndices = ["startTime", "publishTime", "_ingested_utc"].compactMap(index)
            .filter { columns[$0].kind == .timestamp }
        ingestedIndex = index("_ingested_utc").flatMap { columns[$0].kind == .timestamp ? $0 : nil }
        publishIndex = index("publishTime")
    }

    /// The name of the hot-tier table that holds this table's recent rows.
    public var hotTableName: String { "_bmrs_hot_" + name }

    /// Index of the column called `name` (case-insensitive).
    public func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

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
