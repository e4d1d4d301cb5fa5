import Hashing
import Rows
import SQLite
import Zstd

/// The partitions of a store's tables, by day, in two tiers: hot (plain rows in `_bmrs_hot_<table>`) and
/// sealed (one zstd blob per day in `_bmrs_blobs`), each recorded in `_bmrs_partitions` with its content hash.
/// Reads a day from whichever tier holds it, writes and seals days, and merges incoming rows (`merge`).
struct PartitionStore {
    let connection: StoreConnection

    var database: Database { connection.database }
    func cached(_ sql: String) throws -> Statement { try connection.cached(sql) }
    /// The partitions of `schema`, in day order (optionally only days in `range`).
    func partitions(of schema: TableSchema, in range: ClosedRange<Int64>? = nil) throws -> [PartitionInfo] {
        let id = try connection.tableID(schema)
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
    func readPartition(_ info: PartitionInfo, schema: TableSchema, columns: UInt64 = .max) throws -> ColumnarDay {
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
                    columns: columns, context: connection.decompressionContext)
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
            .text(SHA256.hex(raw)), blobID.map { .integer($0) } ?? .null, .integer(connection.now()),
            .blob(Self.encodeByteCounts(logicalBytes, schema: schema)),
        ])
        try statement.step()
        if tier == .hot { try RevisionStore(connection: connection).writeHot(tableID: tableID, day: day) }
    }

    /// Compresses `raw` into a new blob and records `day` as sealed, deleting the blob it replaces; the day's
    /// revisions are sealed with it.
    func storeSealed(
        tableID: Int64, day: Int64, rowCount: Int, raw: [UInt8], replacing old: Int64?,
        logicalBytes: [String: Int], schema: TableSchema
    ) throws {
        let blob = try PartitionCodec.compress(raw, level: connection.sealLevel)
        let insert = try cached("INSERT INTO _bmrs_blobs(data) VALUES (?)")
        try insert.bind([.blob(blob)])
        try insert.step()
        let blobID = try connection.lastInsertID()
        if let old { try deleteBlob(old) }
        try recordPartition(
            tableID: tableID, day: day, tier: .sealed, rowCount: rowCount, raw: raw,
            stored: blob.count, blobID: blobID, logicalBytes: logicalBytes, schema: schema)
        try RevisionStore(connection: connection).seal(tableID: tableID, day: day)
    }

    /// Deletes a sealed blob.
    func deleteBlob(_ id: Int64) throws {
        let statement = try cached("DELETE FROM _bmrs_blobs WHERE blob_id = ?")
        try statement.bind([.integer(id)])
        try statement.step()
    }

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

extension Warehouse {
    /// The partitions of `schema`, in day order (optionally only days in `range`).
    public func partitions(of schema: TableSchema, in range: ClosedRange<Int64>? = nil) throws -> [PartitionInfo] {
        try partitionStore.partitions(of: schema, in: range)
    }
}
