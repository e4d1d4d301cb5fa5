import Rows
import Zstd

/// The column-wise encoding of a day's revisions: the form a hot revision row holds (one revision) and,
/// zstd-compressed, the form a sealed day's revisions take (all of them).
///
/// Layout: `BRV` 1, revision count, then column by column: the key columns; for each value column changed
/// in any revision, a changed flag per revision, the old cells and the new cells (integers as the difference
/// from the old cell); then old and new publish time, seen time and run id. A cell column is all its tags
/// (0 null, 1 integer, 2 real, 3 text, 4 integer relative to a base) and then all its payloads: integers as
/// zigzag varint differences from the column's previous integer, reals as 8 bytes, text as an index into a
/// dictionary that grows as new strings appear.
enum RevisionCodec {
    static let magic: [UInt8] = Array("BRV".utf8)
    static let version: UInt8 = 1

    /// The key columns a revision keeps: the table's key without the partition column.
    static func keyColumns(of schema: TableSchema) -> [Int] {
        schema.keyIndices.filter { $0 != schema.partitionIndex }
    }

    /// Encodes `revisions` (all of one day and table).
    static func encode(_ revisions: [Revision]) -> [UInt8] {
        var w = ByteWriter()
        w.bytes.append(contentsOf: magic)
        w.byte(version)
        w.varint(UInt64(revisions.count))
        let keyWidth = revisions.first?.key.count ?? 0
        w.varint(UInt64(keyWidth))
        for k in 0..<keyWidth { cells(revisions.map { $0.key.count > k ? $0.key[k] : .null }, into: &w) }
        let columns = Set(revisions.flatMap(\.changed)).sorted()
        w.varint(UInt64(columns.count))
        for column in columns {
            w.varint(UInt64(column))
            var old: [Cell] = []
            var new: [Cell] = []
            for revision in revisions {
                if let i = revision.changed.firstIndex(of: column) {
                    w.byte(1)
                    old.append(revision.old[i])
                    new.append(revision.new[i])
                } else {
                    w.byte(0)
                }
            }
            cells(old, into: &w)
            cells(new, relativeTo: old, into: &w)
        }
        cells(revisions.map { $0.oldPublish.map(Cell.int) ?? .null }, into: &w)
        cells(revisions.map { $0.newPublish.map(Cell.int) ?? .null }, into: &w)
        cells(revisions.map { .int($0.seen) }, into: &w)
        cells(revisions.map { $0.runID.map(Cell.int) ?? .null }, into: &w)
        return w.bytes
    }

    /// Decodes what `encode` wrote; corrupt input throws `ByteReader.Corrupt`.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> [Revision] {
        var r = ByteReader(bytes: bytes)
        for m in magic where try r.byte() != m { throw ByteReader.Corrupt() }
        guard try r.byte() == version else { throw ByteReader.Corrupt() }
        let n = try r.count(max: bytes.count)
        let keyWidth = try r.count(max: 64)
        var keys = [[Cell]](repeating: [], count: n)
        for _ in 0..<keyWidth {
            for (i, cell) in try cells(n, from: &r).enumerated() { keys[i].append(cell) }
        }
        var changed = [[Int]](repeating: [], count: n)
        var old = [[Cell]](repeating: [], count: n)
        var new = [[Cell]](repeating: [], count: n)
        var previous = -1
        for _ in 0..<(try r.count(max: 4096)) {
            let column = try r.count(max: 4095)
            guard column > previous else { throw ByteReader.Corrupt() }
            previous = column
            var rows: [Int] = []
            for i in 0..<n {
                switch try r.byte() {
                case 0: break
                case 1: rows.append(i)
                default: throw ByteReader.Corrupt()
                }
            }
            let olds = try cells(rows.count, from: &r)
            let news = try cells(rows.count, relativeTo: olds, from: &r)
            for (j, i) in rows.enumerated() {
                changed[i].append(column)
                old[i].append(olds[j])
                new[i].append(news[j])
            }
        }
        let oldPublish = try cells(n, from: &r)
        let newPublish = try cells(n, from: &r)
        let seen = try cells(n, from: &r)
        let runs = try cells(n, from: &r)
        guard r.pos == bytes.count else { throw ByteReader.Corrupt() }
        return (0..<n).map { i in
            Revision(
                key: keys[i], changed: changed[i], old: old[i], new: new[i], oldPublish: oldPublish[i].intValue,
                newPublish: newPublish[i].intValue, seen: seen[i].intValue ?? 0, runID: runs[i].intValue)
        }
    }

    /// Compresses an encoding for a sealed day.
    static func compress(_ raw: [UInt8], level: Int32) throws -> [UInt8] {
        try Zstd.compress(raw, level: level)
    }

    /// Decompresses and decodes a sealed day's revisions; `source` names it in errors.
    static func decode(sealed blob: UnsafeRawBufferPointer, source: String) throws -> [Revision] {
        do {
            let raw = try Zstd.decompress(blob, limit: 1 << 30)
            return try raw.withUnsafeBytes { try decode($0) }
        } catch {
            throw StoreError(.badStore, "the sealed revisions of \(source) are corrupt (\(error))")
        }
    }

    private static func cells(_ values: [Cell], relativeTo base: [Cell]? = nil, into w: inout ByteWriter) {
        var payload = ByteWriter()
        var previous: Int64 = 0
        var dictionary: [String: Int] = [:]
        for (i, cell) in values.enumerated() {
            switch cell {
            case .null: w.byte(0)
            case .int(let v):
                if let base, i < base.count, case .int(let b) = base[i] {
                    w.byte(4)
                    payload.signed(v &- b)
                } else {
                    w.byte(1)
                    payload.signed(v &- previous)
                    previous = v
                }
            case .double(let d):
                w.byte(2)
                payload.fixed64(d.bitPattern)
            case .text(let s):
                w.byte(3)
                if let index = dictionary[s] {
                    payload.varint(UInt64(index))
                } else {
                    payload.varint(UInt64(dictionary.count))
                    payload.string(s)
                    dictionary[s] = dictionary.count
                }
            }
        }
        w.bytes.append(contentsOf: payload.bytes)
    }

    private static func cells(_ n: Int, relativeTo base: [Cell]? = nil, from r: inout ByteReader) throws -> [Cell] {
        try r.skip(n)
        var tags = r
        tags.pos -= n
        var result: [Cell] = []
        result.reserveCapacity(n)
        var previous: Int64 = 0
        var dictionary: [String] = []
        for i in 0..<n {
            switch try tags.byte() {
            case 0: result.append(.null)
            case 1:
                previous = previous &+ (try r.signed())
                result.append(.int(previous))
            case 2: result.append(.double(Double(bitPattern: try r.fixed64())))
            case 3:
                let index = try r.count(max: dictionary.count)
                if index == dictionary.count { dictionary.append(try r.string()) }
                result.append(.text(dictionary[index]))
            case 4:
                guard let base, i < base.count, case .int(let b) = base[i] else { throw ByteReader.Corrupt() }
                result.append(.int(b &+ (try r.signed())))
            default: throw ByteReader.Corrupt()
            }
        }
        return result
    }
}
