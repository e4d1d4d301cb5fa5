import Hashing
import SQLite
import Zstd

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

extension Warehouse {
    /// The partitions of `schema`, in day order (optionally only days in `range`).
    public func partitions(of schema: TableSchema, in range: ClosedRange<Int64>? = nil) throws -> [PartitionInfo] {
        let id = try tableID(schema)
        let statement = try cached(
            """
            SELECT day, tier, row_count, raw_bytes, stored_bytes, content_hash, blob_id, logical_bytes FROM _bmrs_partitions
            WHERE table_id = ? AND day BETWEEN ? AND ? ORDER BY day
            """)
        try statement.bind([.integer(id), .integer(range?.lowerBound ?? .min), .integer(range?.upperBound ?? .max)])
        var result: [PartitionInfo] = []
        while try statement.step() {
            result.append(
                PartitionInfo(
                    table: schema.name, day: statement.int64(at: 0),
                    tier: PartitionInfo.Tier(rawValue: statement.text(at: 1)) ?? .hot,
                    rowCount: Int(statement.int64(at: 2)), rawBytes: Int(statement.int64(at: 3)),
                    storedBytes: statement.isNull(at: 4) ? nil : Int(statement.int64(at: 4)),
                    contentHash: statement.text(at: 5),
                    logicalBytes: Self.decodeByteCounts(statement.blob(at: 7), schema: schema),
                    blobID: statement.isNull(at: 6) ? nil : statement.int64(at: 6)))
        }
        return result
    }

    /// The partition entry for one day, if the day has data.
    func partition(of schema: TableSchema, day: Int64) throws -> PartitionInfo? {
        try partitions(of: schema, in: day...day).first
    }

    /// Reads a whole partition, from whichever tier holds it, sorted by the table's sort order.
    /// `columns` is a bitmask of the columns wanted (bit 63: all from 63 on); others may come back NULL.
    public func readPartition(_ info: PartitionInfo, schema: TableSchema, columns: UInt64 = .max) throws -> ColumnarDay
    {
        switch info.tier {
        case .sealed:
            if columns == 0 { return ColumnarDay(day: info.day, rowCount: info.rowCount, columns: []) }
            let statement = try cached("SELECT data FROM _bmrs_blobs WHERE blob_id = ?")
            try statement.bind([.integer(info.blobID ?? -1)])
            defer { statement.reset() }
            guard try statement.step() else {
                throw StoreError(.badStore, "sealed partition \(schema.name)/\(info.date) has no blob")
            }
            return try statement.withBlob(at: 0) { blob in
                try PartitionCodec.decode(
                    blob: blob, schema: schema, source: "\(schema.name)/\(info.date)",
                    columns: columns, context: decompressionContext)
            }
        case .hot:
            let batch = try hotRows(of: schema, day: info.day)
            return ColumnarDay(day: info.day, batch: batch, rows: Array(0..<batch.count), schema: schema)
        }
    }

    /// The hot rows of one day, in key order, as cells.
    func hotRows(of schema: TableSchema, day: Int64) throws -> RowBatch {
        let columns = schema.columns.map { quoted($0.name) }.joined(separator: ", ")
        let order = ([schema.partitionIndex] + schema.sortIndices).map { quoted(schema.columns[$0].name) }
        let statement = try database.prepare(
            sql: "SELECT \(columns) FROM \(quoted(schema.hotTableName)) WHERE "
                + "\(quoted(schema.columns[schema.partitionIndex].name)) = ? ORDER BY \(order.joined(separator: ", "))")
        try statement.bind([.text(CivilDate.string(day))])
        var batch = RowBatch(width: schema.columns.count)
        while try statement.step() {
            for (i, column) in schema.columns.enumerated() {
                let index = Int32(i)
                if statement.isNull(at: index) {
                    batch.cells.append(.null)
                    continue
                }
                switch column.kind {
                case .integer, .boolean, .timestamp: batch.cells.append(.int(statement.int64(at: index)))
                case .real: batch.cells.append(.double(statement.double(at: index)))
                case .text: batch.cells.append(.text(statement.text(at: index)))
                case .date:
                    guard let d = CivilDate.parse(statement.text(at: index)) else {
                        throw StoreError(.badStore, "hot row of \(schema.name) has a malformed date")
                    }
                    batch.cells.append(.int(d))
                }
            }
        }
        return batch
    }
}

extension Warehouse {
    /// Creates or replaces a day's entry in `_bmrs_partitions`, hashing its uncompressed encoding.
    func recordPartition(
        tableID: Int64, day: Int64, tier: PartitionInfo.Tier, rowCount: Int, raw: [UInt8],
        stored: Int?, blobID: Int64?, logicalBytes: [String: Int], schema: TableSchema
    ) throws {
        let statement = try cached(
            """
            INSERT OR REPLACE INTO _bmrs_partitions(table_id, day, tier, row_count, raw_bytes, stored_bytes,
              content_hash, blob_id, updated_utc, logical_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.bind([
            .integer(tableID), .integer(day), .text(tier.rawValue), .integer(Int64(rowCount)),
            .integer(Int64(raw.count)), stored.map { .integer(Int64($0)) } ?? .null,
            .text(SHA256.hex(raw)), blobID.map { .integer($0) } ?? .null, .integer(now()),
            .blob(Self.encodeByteCounts(logicalBytes, schema: schema)),
        ])
        try statement.step()
        if tier == .hot { try writeHotRevisions(tableID: tableID, day: day) }
    }
}

extension Warehouse {
    /// A prepared statement for `sql`, compiled once per connection and reset before reuse.
    func cached(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            statement.clear()
            return statement
        }
        let statement = try database.prepare(sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// Compresses `raw` into a new blob and records `day` as sealed, deleting the blob it replaces; the day's
    /// revisions are sealed with it.
    func storeSealed(
        tableID: Int64, day: Int64, rowCount: Int, raw: [UInt8], replacing old: Int64?,
        logicalBytes: [String: Int], schema: TableSchema
    ) throws {
        let blob = try PartitionCodec.compress(raw, level: sealLevel)
        let insert = try cached("INSERT INTO _bmrs_blobs(data) VALUES (?)")
        try insert.bind([.blob(blob)])
        try insert.step()
        let blobID = try database.scalar(sql: "SELECT last_insert_rowid()")?.integerValue ?? 0
        if let old { try deleteBlob(old) }
        try recordPartition(
            tableID: tableID, day: day, tier: .sealed, rowCount: rowCount, raw: raw,
            stored: blob.count, blobID: blobID, logicalBytes: logicalBytes, schema: schema)
        try sealRevisions(tableID: tableID, day: day)
    }

    /// Deletes a sealed blob.
    func deleteBlob(_ id: Int64) throws {
        let statement = try cached("DELETE FROM _bmrs_blobs WHERE blob_id = ?")
        try statement.bind([.integer(id)])
        try statement.step()
    }
}

extension Warehouse {
    /// Byte counts as varints in column order. Columns are only ever appended (ADD COLUMN), so a record
    /// written before a column existed simply ends early: that column counts 0.
    static func encodeByteCounts(_ counts: [String: Int], schema: TableSchema) -> [UInt8] {
        var w = ByteWriter()
        w.varint(UInt64(schema.columns.count))
        for column in schema.columns { w.varint(UInt64(counts[column.name] ?? 0)) }
        return w.bytes
    }

    /// Reads what `encodeByteCounts` wrote; zero counts are left out.
    static func decodeByteCounts(_ bytes: [UInt8], schema: TableSchema) -> [String: Int] {
        bytes.withUnsafeBytes { raw in
            var r = ByteReader(bytes: raw)
            guard let count = try? r.count(max: 4096) else { return [:] }
            var result: [String: Int] = [:]
            for column in schema.columns.prefix(count) {
                guard let value = try? r.varint() else { break }
                if value > 0 { result[column.name] = Int(value) }
            }
            return result
        }
    }
}
