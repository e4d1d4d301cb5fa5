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

    /// A column called `name` of BigQuery type `type`, kept as `kind`.
    public init(name: String, type: BigQueryType, kind: Kind, isRequired: Bool) {
        self.name = name
        self.type = type
        self.kind = kind
        self.isRequired = isRequired
    }
}

/// A table of the catalog as the store lays it out: columns, key, partition and cluster columns,
/// the order rows are sorted in, and the columns that decide which version of a key wins.
///
/// Store lays a table definition out (and refuses one it cannot keep); parsers read the columns.
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

    /// A layout whose indices the caller has checked against `columns` (Store's `TableSchema(_:)` does).
    public init(
        definition: TableDefinition, columns: [StoredColumn], keyIndices: [Int], partitionIndex: Int,
        sortIndices: [Int], versionIndices: [Int], ingestedIndex: Int?, publishIndex: Int?
    ) {
        self.definition = definition
        self.columns = columns
        self.keyIndices = keyIndices
        self.partitionIndex = partitionIndex
        self.sortIndices = sortIndices
        self.versionIndices = versionIndices
        self.ingestedIndex = ingestedIndex
        self.publishIndex = publishIndex
    }

    /// Index of the column called `name` (case-insensitive).
    public func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.name.lowercased() == name.lowercased() }
    }
}
