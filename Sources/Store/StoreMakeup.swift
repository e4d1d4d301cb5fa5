import SQLite

/// What the store file is made of, by page: data, revisions, the response archive, the other bookkeeping
/// and free pages. Measured with SQLite's `dbstat` virtual table.
public struct StoreMakeup: Sendable, Equatable {
    /// A part of the file.
    public enum Part: String, Sendable, CaseIterable {
        /// Sealed blobs and hot rows of the tables.
        case data
        /// Hot and sealed revisions.
        case revisions
        /// Archived responses and their bodies.
        case archive
        /// Partitions, runs, chunks, migrations, SQLite's schema and pointer-map pages.
        case bookkeeping
        /// Free pages.
        case free
    }

    /// The page size.
    public var pageSize = 0
    /// Bytes of each part (pages times page size).
    public var bytes: [Part: Int] = [:]
    /// The revisions recorded.
    public var revisions = 0
    /// Archived responses, and the distinct bodies they name.
    public var responses = 0
    public var bodies = 0
    /// Rows of data.
    public var rows = 0

    /// All pages, in bytes.
    public var totalBytes: Int { bytes.values.reduce(0, +) }

    /// The share of `part` in the file, 0...1.
    public func share(_ part: Part) -> Double {
        totalBytes > 0 ? Double(bytes[part] ?? 0) / Double(totalBytes) : 0
    }

    /// Bytes per revision, or nil when there are none.
    public var bytesPerRevision: Double? {
        revisions > 0 ? Double(bytes[.revisions] ?? 0) / Double(revisions) : nil
    }

    /// The part a b-tree (table or index, by its table's name) belongs to.
    static func part(ofTable name: String) -> Part {
        switch name {
        case "_bmrs_blobs": return .data
        case "_bmrs_revisions_hot", "_bmrs_revision_days", "_bmrs_revisions": return .revisions
        case "_bmrs_responses", "_bmrs_bodies": return .archive
        default: return name.hasPrefix("_bmrs_hot_") ? .data : .bookkeeping
        }
    }
}

extension Warehouse {
    /// Measures the store's make-up (reads every page's header through `dbstat`).
    public func makeup() throws -> StoreMakeup {
        var makeup = StoreMakeup()
        makeup.pageSize = Int(try database.scalar(sql: "PRAGMA page_size")?.integerValue ?? 4096)
        for part in StoreMakeup.Part.allCases { makeup.bytes[part] = 0 }
        let rows: [[SQLiteValue]]
        do {
            rows = try database.rows(
                sql: """
                    SELECT coalesce(s.tbl_name, d.name), sum(d.pgsize) FROM dbstat d
                    LEFT JOIN sqlite_schema s ON s.name = d.name GROUP BY 1
                    """)
        } catch {
            throw StoreError(.usage, "this SQLite library has no dbstat virtual table to measure the store (\(error))")
        }
        for row in rows {
            guard case .text(let name) = row[0], case .integer(let bytes) = row[1] else { continue }
            makeup.bytes[StoreMakeup.part(ofTable: name), default: 0] += Int(bytes)
        }
        let free = try database.scalar(sql: "PRAGMA freelist_count")?.integerValue ?? 0
        makeup.bytes[.free] = Int(free) * makeup.pageSize
        // dbstat leaves out the pointer-map pages of an auto-vacuum file (and the lock-byte page): SQLite's own.
        let pages = try database.scalar(sql: "PRAGMA page_count")?.integerValue ?? 0
        makeup.bytes[.bookkeeping, default: 0] += max(0, Int(pages) * makeup.pageSize - makeup.totalBytes)
        makeup.revisions = try revisedDays().reduce(0) { $0 + $1.revisions }
        makeup.responses = Int(try database.scalar(sql: "SELECT count(*) FROM _bmrs_responses")?.integerValue ?? 0)
        makeup.bodies = Int(try database.scalar(sql: "SELECT count(*) FROM _bmrs_bodies")?.integerValue ?? 0)
        makeup.rows = Int(
            try database.scalar(sql: "SELECT coalesce(sum(row_count), 0) FROM _bmrs_partitions")?.integerValue ?? 0)
        return makeup
    }
}
