/// What a query would cost on BigQuery's on-demand pricing, computed as BigQuery's dry run computes it.
///
/// Bytes processed: for every table read, the logical bytes of the referenced columns in the partitions that
/// survive pruning. Bytes billed: each table read counts at least 10 MB. Price: $6.25 per TiB billed.
public struct QueryBill: Sendable, Equatable {
    /// One table read in the bill.
    public struct TableBill: Sendable, Equatable {
        /// The table.
        public var table: String
        /// Partitions read and partitions in the table.
        public var partitionsRead: Int
        public var partitionsTotal: Int
        /// Logical bytes of the referenced columns in those partitions.
        public var bytesProcessed: Int
    }

    /// BigQuery's minimum per table referenced: 10 MB.
    public static let minimumBytesPerTable = 10 * 1024 * 1024
    /// On-demand price per TiB, in US dollars.
    public static let dollarsPerTiB = 6.25

    /// The table reads.
    public var tables: [TableBill]

    /// Computes the bill of a translated query from the store's partition statistics.
    public init(for query: TranslatedQuery, statistics: PartitionStatistics) throws {
        var tables: [TableBill] = []
        var cache: [String: [PartitionStatistic]] = [:]
        for scan in query.scans {
            let partitions: [PartitionStatistic]
            if let cached = cache[scan.table] {
                partitions = cached
            } else {
                partitions = try statistics.partitions(ofTable: scan.table)
                cache[scan.table] = partitions
            }
            var read = 0
            var bytes = 0
            for partition in partitions where scan.reads(date: partition.date) {
                read += 1
                for column in scan.columns { bytes += partition.logicalBytes[column] ?? 0 }
            }
            tables.append(
                TableBill(
                    table: scan.table, partitionsRead: read, partitionsTotal: partitions.count, bytesProcessed: bytes))
        }
        self.tables = tables
    }

    /// Total bytes processed (what the dry run reports).
    public var bytesProcessed: Int { tables.reduce(0) { $0 + $1.bytesProcessed } }

    /// Bytes billed: at least 10 MB per table read.
    public var bytesBilled: Int { tables.reduce(0) { $0 + max($1.bytesProcessed, Self.minimumBytesPerTable) } }

    /// The on-demand price of the bytes billed, in dollars.
    public var dollars: Double { Double(bytesBilled) / Double(1 << 40) * Self.dollarsPerTiB }

    /// BigQuery's dry-run sentence.
    public var validationLine: String {
        "Query successfully validated. Assuming the tables are not modified, running this query will process "
            + "\(bytesProcessed) bytes of data."
    }

    /// The second line: partitions read per table, bytes billed and the price.
    public var detailLine: String {
        let reads = tables.map { "\($0.table): \($0.partitionsRead) of \($0.partitionsTotal) partitions" }
        let cents = (dollars * 1_000_000).rounded() / 1_000_000
        return (reads.isEmpty ? "No tables read" : reads.joined(separator: "; "))
            + "; \(bytesBilled) bytes billed (10 MB minimum per table) = $\(Self.price(cents)) at $6.25 per TiB"
    }

    /// Dollars with six decimals, without Foundation.
    static func price(_ value: Double) -> String {
        let micros = Int((value * 1_000_000).rounded())
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
