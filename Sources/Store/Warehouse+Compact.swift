import Rows
import SQLite

/// What `bmrs compact` did.
public struct CompactSummary: Sendable, Equatable {
    /// Partitions moved from the hot tier to the sealed tier.
    public var partitionsSealed = 0
    /// Rows in them.
    public var rowsSealed = 0
    /// Their uncompressed column-wise size.
    public var rawBytes = 0
    /// Their compressed size.
    public var storedBytes = 0
    /// Archived responses and bodies removed by the retention policy.
    public var archivePruned = ArchivePruneSummary()
    /// Free pages given back to the file system.
    public var pagesReclaimed = 0
    /// Store file size before and after (including the WAL).
    public var fileBytesBefore = 0
    public var fileBytesAfter = 0
}

extension Warehouse {
    /// Seals every hot partition of `tables` (default: all) dated more than `olderThanDays` before today (UTC)
    /// with its revisions, and prunes the response archive (`archiveRetentionDays`). Then, when `vacuum` is
    /// set, rewrites the file so that no free pages remain; otherwise (after an ingest) gives the free pages
    /// back without rewriting the file (`PRAGMA incremental_vacuum`).
    public func compact(olderThanDays: Int? = nil, tables names: [String]? = nil, vacuum: Bool = true)
        throws -> CompactSummary
    {
        let olderThanDays = olderThanDays ?? restatementWindowDays
        var summary = CompactSummary()
        summary.fileBytesBefore = storeBytes()
        let today = now() / Timestamp.microsPerDay
        let cutoff = today - Int64(olderThanDays)
        let selected = try names.map { try $0.map { try schema(named: $0) } } ?? tables
        let store = partitionStore
        try database.transaction {
            for schema in selected {
                let id = try tableID(schema)
                let dayColumn = quoted(schema.columns[schema.partitionIndex].name)
                let deleteHot = try database.prepare(
                    sql: "DELETE FROM \(quoted(schema.hotTableName)) WHERE \(dayColumn) = ?")
                for partition in try store.partitions(of: schema, in: Int64.min...(cutoff - 1))
                where partition.tier == .hot {
                    let day = try store.readPartition(partition, schema: schema)
                    let raw = PartitionCodec.encode(day, schema: schema)
                    try store.storeSealed(
                        tableID: id, day: partition.day, rowCount: day.rowCount, raw: raw, replacing: nil,
                        logicalBytes: partition.logicalBytes, schema: schema)
                    deleteHot.clear()
                    try deleteHot.bind([.text(partition.date)])
                    try deleteHot.step()
                    summary.partitionsSealed += 1
                    summary.rowsSealed += day.rowCount
                    summary.rawBytes += raw.count
                    summary.storedBytes += try store.partition(of: schema, day: partition.day)?.storedBytes ?? 0
                }
            }
            summary.archivePruned = try ledger.pruneArchive(keepingDays: archiveRetentionDays)
        }
        let free = Int(try database.scalar(sql: "PRAGMA freelist_count")?.integerValue ?? 0)
        if vacuum {
            if free > 0 { try database.execute(sql: "VACUUM") }
        } else if free > 0 {
            try database.execute(sql: "PRAGMA incremental_vacuum")
        }
        summary.pagesReclaimed = free - Int(try database.scalar(sql: "PRAGMA freelist_count")?.integerValue ?? 0)
        try database.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        summary.fileBytesAfter = storeBytes()
        return summary
    }

    /// The size of the store file plus its WAL.
    public func storeBytes() -> Int {
        fileSize(path) + fileSize(path + "-wal")
    }
}
