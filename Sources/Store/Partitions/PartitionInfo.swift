import Rows

/// A partition's entry in `_bmrs_partitions`.
public struct PartitionInfo: Sendable, Equatable {
    /// The tier a partition lives in.
    public enum Tier: String, Sendable { case hot, sealed }

    /// The table.
    public let table: String
    /// The day number.
    public let day: Int64
    /// Hot or sealed.
    public let tier: Tier
    /// Rows in the partition.
    public let rowCount: Int
    /// Size of the uncompressed column-wise encoding.
    public let rawBytes: Int
    /// Size of the sealed blob (nil for hot partitions).
    public let storedBytes: Int?
    /// SHA-256 of the uncompressed encoding: equal content, equal hash, in either tier.
    public let contentHash: String
    /// BigQuery's logical bytes per column, for what a query on BigQuery would bill.
    public let logicalBytes: [String: Int]
    /// The blob holding a sealed partition.
    let blobID: Int64?

    /// `YYYY-MM-DD`.
    public var date: String { CivilDate.string(day) }
}
