import Rows
import Zstd

/// The sealed tier's encoding of one partition: column by column, rows sorted by the cluster columns,
/// integers as zigzag varint deltas, strings as a dictionary plus runs, then one zstd frame.
///
/// Layout (before zstd): `BMRS` 1 | day | rows | stored columns | per column name, kind | per column: byte
/// length, flags (bit 0: null bitmap follows), bitmap, values. The column list travels with the data so that
/// a partition sealed before a column was added decodes with that column NULL; all-NULL columns are omitted.
public enum PartitionCodec {
    static let magic: [UInt8] = Array("BMRS".utf8)
    static let version: UInt8 = 1

    /// The uncompressed encoding of `day` (the bytes the content hash covers).
    public static func encode(_ day: ColumnarDay, schema: TableSchema) -> [UInt8] {
        var w = ByteWriter()
        w.bytes.reserveCapacity(day.rowCount * 8 + 256)
        w.bytes.append(contentsOf: magic)
        w.byte(version)
        w.signed(day.day)
        w.varint(UInt64(day.rowCount))
        // A column that is NULL in every row is not stored (a missing column decodes as NULL), so adding a
        // column to a table changes neither old partitions nor their content hashes.
        let stored = day.columns.indices.filter { c in !(day.columns[c].nulls?.allSatisfy { $0 } ?? false) }
        w.varint(UInt64(stored.count))
        for c in stored {
            w.string(schema.columns[c].name)
            w.byte(schema.columns[c].kind.rawValue)
        }
        // Each column's bytes are prefixed by their length, so a reader can skip columns it does not need.
        for c in stored {
            var column = ByteWriter()
            encode(day.columns[c], into: &column)
            w.varint(UInt64(column.bytes.count))
            w.bytes.append(contentsOf: column.bytes)
        }
        return w.bytes
    }

    private static func encode(_ column: ColumnarDay.Column, into w: inout ByteWriter) {
        do {
            if let nulls = column.nulls {
                w.byte(1)
                var bits = [UInt8](repeating: 0, count: (nulls.count + 7) / 8)
                for (i, isNull) in nulls.enumerated() where isNull { bits[i / 8] |= 1 << UInt8(i % 8) }
                w.bytes.append(contentsOf: bits)
            } else {
                w.byte(0)
            }
            switch column.values {
            case .ints(let values):
                var previous: Int64 = 0
                for (i, v) in values.enumerated() where !column.isNull(i) {
                    w.signed(v &- previous)
                    previous = v
                }
            case .reals(let values):
                var previous: UInt64 = 0
                for (i, v) in values.enumerated() where !column.isNull(i) {
                    w.fixed64(v.bitPattern ^ previous)
                    previous = v.bitPattern
                }
            case .texts(let dictionary, let indices):
                w.varint(UInt64(dictionary.count))
                for s in dictionary { w.string(s) }
                var runs: [(UInt32, Int)] = []
                for (i, index) in indices.enumerated() where !column.isNull(i) {
                    if let last = runs.last, last.0 == index {
                        runs[runs.count - 1].1 += 1
                    } else {
                        runs.append((index, 1))
                    }
                }
                w.varint(UInt64(runs.count))
                for (index, length) in runs {
                    w.varint(UInt64(index))
                    w.varint(UInt64(length))
                }
            }
        }
    }

    /// Compresses an encoding for the sealed tier.
    public static func compress(_ raw: [UInt8], level: Int32 = 19) throws -> [UInt8] {
        try Zstd.compress(raw, level: level)
    }

    /// Decodes a sealed blob (zstd-compressed) into columns laid out as `schema` declares them.
    public static func decode(
        blob: UnsafeRawBufferPointer, schema: TableSchema, source: String,
        columns needed: UInt64 = .max, context: DecompressionContext? = nil
    ) throws -> ColumnarDay {
        let raw: [UInt8]
        do {
            if let context {
                raw = try Zstd.decompress(blob, using: context, limit: 1 << 31)
            } else {
                raw = try Zstd.decompress(blob, limit: 1 << 31)
            }
        } catch {
            throw StoreError(.badStore, "sealed partition \(source) cannot be decompressed: \(error)")
        }
        return try decode(raw: raw, schema: schema, source: source, columns: needed)
    }

    /// Decodes an uncompressed encoding; columns whose bit is clear in `needed` are left empty (all NULL).
    public static func decode(raw: [UInt8], schema: TableSchema, source: String, columns needed: UInt64 = .max)
        throws -> ColumnarDay
    {
        do {
            return try raw.withUnsafeBytes { try decodeUnchecked($0, schema: schema, needed: needed) }
        } catch is ByteReader.Corrupt {
            throw StoreError(.badStore, "sealed partition \(source) is corrupt (its encoding does not decode)")
        }
    }

    private static func decodeUnchecked(_ bytes: UnsafeRawBufferPointer, schema: TableSchema, needed: UInt64) throws
        -> ColumnarDay
    {
        let wanted = Set(
            schema.columns.enumerated().filter { isNeeded($0.offset, needed) }.map { $0.element.name.lowercased() })
        var r = ByteReader(bytes: bytes)
        for m in magic where try r.byte() != m { throw ByteReader.Corrupt() }
        guard try r.byte() == version else { throw ByteReader.Corrupt() }
        let day = try r.signed()
        // Every stored column spends at least one bit per row (a null bitmap) or one byte per value.
        let rowCount = try r.count(max: min(1 << 28, bytes.count * 8))
        let columnCount = try r.count(max: 4096)
        var stored: [(name: String, kind: StoredColumn.Kind)] = []
        for _ in 0..<columnCount {
            let name = try r.string()
            guard let kind = StoredColumn.Kind(rawValue: try r.byte()) else { throw ByteReader.Corrupt() }
            stored.append((name, kind))
        }
        let declared = Dictionary(
            schema.columns.map { ($0.name.lowercased(), $0.kind) }, uniquingKeysWith: { first, _ in first })
        var decoded: [String: ColumnarDay.Column] = [:]
        for (name, kind) in stored {
            let length = try r.count(max: bytes.count - r.pos)
            guard wanted.contains(name.lowercased()) else {
                try r.skip(length)
                continue
            }
            // Migrations never change a column's type: a different kind is damage, not history.
            guard declared[name.lowercased()] == kind, decoded[name.lowercased()] == nil else {
                throw ByteReader.Corrupt()
            }
            let end = r.pos + length
            var nulls: [Bool]? = nil
            let flags = try r.byte()
            var nonNull = rowCount
            if flags & 1 != 0 {
                let byteCount = (rowCount + 7) / 8
                guard byteCount <= end - r.pos else { throw ByteReader.Corrupt() }
                var n = [Bool](repeating: false, count: rowCount)
                for i in 0..<rowCount where bytes[r.pos + i / 8] & (1 << UInt8(i % 8)) != 0 {
                    n[i] = true
                    nonNull -= 1
                }
                try r.skip(byteCount)
                nulls = n
            }
            let values: ColumnarDay.Values
            switch kind {
            case .integer, .date, .timestamp, .boolean:
                var v = [Int64](repeating: 0, count: rowCount)
                var previous: Int64 = 0
                for i in 0..<rowCount where !(nulls?[i] ?? false) {
                    previous = previous &+ (try r.signed())
                    v[i] = previous
                }
                values = .ints(v)
            case .real:
                var v = [Double](repeating: 0, count: rowCount)
                var previous: UInt64 = 0
                for i in 0..<rowCount where !(nulls?[i] ?? false) {
                    previous ^= try r.fixed64()
                    v[i] = Double(bitPattern: previous)
                }
                values = .reals(v)
            case .text:
                let dictionaryCount = try r.count(max: rowCount)
                var dictionary: [String] = []
                dictionary.reserveCapacity(dictionaryCount)
                for _ in 0..<dictionaryCount { dictionary.append(try r.string()) }
                let runCount = try r.count(max: nonNull)
                guard dictionaryCount > 0 || runCount == 0 else { throw ByteReader.Corrupt() }
                var indices = [UInt32](repeating: .max, count: rowCount)
                var row = 0
                for _ in 0..<runCount {
                    let index = try r.count(max: dictionaryCount - 1)
                    var length = try r.count(max: nonNull)
                    guard length > 0 else { throw ByteReader.Corrupt() }
                    while length > 0 {
                        while row < rowCount, nulls?[row] ?? false { row += 1 }
                        guard row < rowCount else { throw ByteReader.Corrupt() }
                        indices[row] = UInt32(index)
                        row += 1
                        length -= 1
                    }
                }
                // The runs must cover every non-null row: an uncovered row would index past the dictionary.
                while row < rowCount, nulls?[row] ?? false { row += 1 }
                guard row == rowCount else { throw ByteReader.Corrupt() }
                values = .texts(dictionary: dictionary, indices: indices)
            }
            guard r.pos == end else { throw ByteReader.Corrupt() }
            decoded[name.lowercased()] = ColumnarDay.Column(values: values, nulls: nulls)
        }
        guard r.pos == bytes.count else { throw ByteReader.Corrupt() }
        let columns = schema.columns.map { column -> ColumnarDay.Column in
            if let found = decoded[column.name.lowercased()] { return found }
            // A column added after this partition was sealed: all NULL.
            let nulls = [Bool](repeating: true, count: rowCount)
            switch column.kind {
            case .text:
                return .init(
                    values: .texts(dictionary: [], indices: .init(repeating: .max, count: rowCount)), nulls: nulls)
            case .real: return .init(values: .reals(.init(repeating: 0, count: rowCount)), nulls: nulls)
            default: return .init(values: .ints(.init(repeating: 0, count: rowCount)), nulls: nulls)
            }
        }
        return ColumnarDay(day: day, rowCount: rowCount, columns: columns)
    }

    /// True when column `index` is wanted by the bitmask (bit 63 stands for every column from 63 on).
    static func isNeeded(_ index: Int, _ mask: UInt64) -> Bool {
        index >= 63 ? mask & (1 << 63) != 0 : mask & (1 << UInt64(index)) != 0
    }
}
