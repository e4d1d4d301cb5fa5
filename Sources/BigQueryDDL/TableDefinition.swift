/// The granularity of a table's time partitioning; bmrs supports daily partitions only.
public enum PartitionGranularity: String, Sendable, Equatable, CaseIterable {
    /// One partition per day of the partition column (`timePartitioning.type = "DAY"`).
    case day = "DAY"
}

/// A table as `CREATE TABLE` declares it and later migrations change it.
///
/// This is the semantic content shared by the DDL and the table-resource JSON: two definitions
/// are equal when BigQuery would create the same table from them, whichever DDL spelling
/// (`DATE(ts)` or `TIMESTAMP_TRUNC(ts, DAY)`, `INT` or `INT64`, ...) produced them.
public struct TableDefinition: Sendable, Equatable {
    /// The table's name, with its dataset and project when the DDL gives them.
    public var reference: TableReference
    /// The columns in declaration order; columns added later come last.
    public var columns: [ColumnDefinition]
    /// The `PRIMARY KEY (...) NOT ENFORCED` columns, in key order; empty when there is no primary key.
    public var primaryKey: [String]
    /// The column `PARTITION BY` names, or `nil` for an unpartitioned table.
    public var partitionColumn: String?
    /// The partition granularity; `.day` when the table is partitioned, otherwise `nil`.
    public var partitionGranularity: PartitionGranularity?
    /// The `CLUSTER BY` columns in order (at most four); empty when the table is not clustered.
    public var clusterColumns: [String]
    /// The table's `OPTIONS(description = ...)`, if any.
    public var description: String?
    /// The table's `OPTIONS(labels = [...])`; empty when it has none.
    public var labels: [String: String]
    /// `OPTIONS(partition_expiration_days = ...)` as milliseconds, if set.
    public var partitionExpirationMs: Int64?
    /// `OPTIONS(require_partition_filter = TRUE)`: queries must filter on the partition column.
    public var requirePartitionFilter: Bool

    /// Creates a table definition.
    public init(
        reference: TableReference,
        columns: [ColumnDefinition],
        primaryKey: [String] = [],
        partitionColumn: String? = nil,
        partitionGranularity: PartitionGranularity? = nil,
        clusterColumns: [String] = [],
        description: String? = nil,
        labels: [String: String] = [:],
        partitionExpirationMs: Int64? = nil,
        requirePartitionFilter: Bool = false
    ) {
        self.reference = reference
        self.columns = columns
        self.primaryKey = primaryKey
        self.partitionColumn = partitionColumn
        self.partitionGranularity = partitionColumn == nil ? partitionGranularity : (partitionGranularity ?? .day)
        self.clusterColumns = clusterColumns
        self.description = description
        self.labels = labels
        self.partitionExpirationMs = partitionExpirationMs
        self.requirePartitionFilter = requirePartitionFilter
    }

    /// The column called `name`, compared case-insensitively as BigQuery compares column names.
    public func column(named name: String) -> ColumnDefinition? {
        columns.first { $0.isNamed(name) }
    }

    /// Applies an `OPTIONS(...)` list: mentioned options are set or cleared, others stay.
    public mutating func apply(_ options: TableOptions) {
        if let setting = options.description { description = setting.value }
        if let setting = options.labels { labels = setting.value ?? [:] }
        if let setting = options.partitionExpirationMs { partitionExpirationMs = setting.value }
        if let setting = options.requirePartitionFilter { requirePartitionFilter = setting.value ?? false }
    }

    /// Checks everything BigQuery checks about a table definition and returns it with the column
    /// names in primary key, partitioning and clustering spelled as the columns declare them.
    ///
    /// Throws when a column name is invalid or repeated, when the primary key, partition or cluster
    /// columns do not exist, when the partition column is not DATE, TIMESTAMP or DATETIME, when
    /// there are more than four cluster columns or one of a type BigQuery cannot cluster on, or when
    /// partition options are set on an unpartitioned table.
    func validated(at position: SourcePosition) throws(DDLError) -> TableDefinition {
        func invalid(_ detail: String) -> DDLError {
            DDLError.make(
                .invalidDefinition, "invalid definition of table '\(reference.table)': \(detail)", at: position)
        }
        func existing(_ name: String, in clause: String) throws(DDLError) -> ColumnDefinition {
            guard let column = column(named: name) else {
                throw DDLError.make(
                    .unknownColumn,
                    "unknown column '\(name)' in the \(clause) of table '\(reference.table)'", at: position)
            }
            return column
        }
        func checkUnique(_ names: [String], in clause: String) throws(DDLError) {
            var seen = Set<String>()
            for name in names where !seen.insert(name.lowercased()).inserted {
                throw invalid("column '\(name)' appears twice in the \(clause)")
            }
        }

        if reference.table.isEmpty { throw invalid("the table name is empty") }
        if columns.isEmpty { throw invalid("a table needs at least one column") }
        var seen = Set<String>()
        for column in columns {
            try column.validate(at: position)
            if !seen.insert(column.name.lowercased()).inserted {
                throw DDLError.make(
                    .duplicateColumn, "duplicate column '\(column.name)' in table '\(reference.table)'", at: position)
            }
        }
        if let description, description.unicodeScalars.count > TableOptions.maximumDescriptionLength {
            throw invalid("the description is longer than \(TableOptions.maximumDescriptionLength) characters")
        }
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            if let problem = TableOptions.labelProblem(key: key, value: value) { throw invalid(problem) }
        }

        var result = self
        try checkUnique(primaryKey, in: "primary key")
        result.primaryKey = []
        for name in primaryKey {
            result.primaryKey.append(try existing(name, in: "primary key").name)
        }

        if let partitionColumn {
            let column = try existing(partitionColumn, in: "PARTITION BY clause")
            guard column.type.isPartitionable else {
                throw invalid(
                    "partition column '\(column.name)' is \(column.type.rawValue); "
                        + "BigQuery partitions by a DATE, TIMESTAMP or DATETIME column")
            }
            result.partitionColumn = column.name
            result.partitionGranularity = partitionGranularity ?? .day
        } else {
            result.partitionGranularity = nil
            if partitionExpirationMs != nil {
                throw invalid("partition_expiration_days is set but the table is not partitioned")
            }
            if requirePartitionFilter {
                throw invalid("require_partition_filter is set but the table is not partitioned")
            }
        }
        if let partitionExpirationMs, partitionExpirationMs <= 0 {
            throw invalid("partition_expiration_days must be positive")
        }

        if clusterColumns.count > 4 {
            throw invalid("BigQuery clusters by at most 4 columns, not \(clusterColumns.count)")
        }
        try checkUnique(clusterColumns, in: "CLUSTER BY clause")
        result.clusterColumns = []
        for name in clusterColumns {
            let column = try existing(name, in: "CLUSTER BY clause")
            guard column.type.isClusterable else {
                throw invalid("BigQuery cannot cluster by column '\(column.name)' of type \(column.type.rawValue)")
            }
            result.clusterColumns.append(column.name)
        }
        return result
    }
}
