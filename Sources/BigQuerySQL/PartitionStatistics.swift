/// What the store knows about one partition, for the dry-run bill and INFORMATION_SCHEMA.PARTITIONS.
public struct PartitionStatistic: Sendable, Equatable {
    /// The partition's day, `YYYY-MM-DD`.
    public var date: String
    /// Rows in the partition.
    public var rowCount: Int
    /// BigQuery's logical bytes per column (by declared column name); missing columns count 0.
    public var logicalBytes: [String: Int]

    /// Creates a statistic.
    public init(date: String, rowCount: Int, logicalBytes: [String: Int]) {
        self.date = date
        self.rowCount = rowCount
        self.logicalBytes = logicalBytes
    }
}

/// The store's partition bookkeeping as the query front end needs it; the CLI implements it over the Store.
public protocol PartitionStatistics {
    /// The partitions of the table called `table`, in day order.
    func partitions(ofTable table: String) throws -> [PartitionStatistic]
}
