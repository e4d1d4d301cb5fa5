import BigQueryDDL
import Rows
import SQLite

/// Applies incoming rows to one day at a time: reads the day from its tier, resolves versions, writes the
/// changes to the hot tier (unsealing a sealed day), records revisions and updates `_bmrs_partitions`.
final class PartitionWriter {
    let store: PartitionStore
    let schema: TableSchema
    let tableID: Int64
    let runID: Int64
    let seenAt: Int64
    private let upsert: Statement
    private let deleteStatement: Statement
    private let revisions: RevisionRecorder
    private let keyColumns: [Int]
    /// Days before this are outside the restatement window: new ones are sealed at once.
    private let sealBefore: Int64

    init(store: PartitionStore, schema: TableSchema, runID: Int64, seenAt: Int64) throws {
        self.store = store
        self.schema = schema
        self.runID = runID
        self.seenAt = seenAt
        tableID = try store.connection.tableID(schema)
        let names = schema.columns.map { quoted($0.name) }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: schema.columns.count).joined(separator: ", ")
        upsert = try store.connection.database.prepare(
            sql: "INSERT OR REPLACE INTO \(quoted(schema.hotTableName)) (\(names)) VALUES (\(marks))")
        let keyNames = ([schema.partitionIndex] + schema.sortIndices.filter { schema.keyIndices.contains($0) })
            .map { "\(quoted(schema.columns[$0].name)) = ?" }.joined(separator: " AND ")
        deleteStatement = try store.connection.database.prepare(
            sql: "DELETE FROM \(quoted(schema.hotTableName)) WHERE \(keyNames)")
        revisions = RevisionRecorder(
            store: RevisionStore(connection: store.connection), schema: schema, tableID: tableID, runID: runID,
            seenAt: seenAt)
        keyColumns = schema.sortIndices.filter { schema.keyIndices.contains($0) }
        sealBefore = seenAt / Timestamp.microsPerDay - Int64(store.connection.restatementWindowDays)
    }

    enum Outcome { case duplicate, stale, supersede, revise }

    /// Merges `rows` (sorted, all of `day`) of `batch`; returns true when the day changed.
    ///
    /// A day new to the store that is older than the restatement window goes straight to the sealed tier;
    /// a recent new day goes to the hot tier; a day that exists is read from its tier and the changed rows
    /// are written to the hot tier (a sealed day is unsealed: all its rows move to the hot tier).
    func merge(day: Int64, rows: [Int], from batch: RowBatch, replacing: Bool, summary: inout LoadSummary) throws
        -> Bool
    {
        if let existing = try store.partition(of: schema, day: day) {
            return try mergeExisting(existing, rows: rows, from: batch, replacing: replacing, summary: &summary)
        }
        // A new day: versions of one key are adjacent in `rows`; keep the winner of each run.
        var winners: [Int] = []
        winners.reserveCapacity(rows.count)
        for r in rows {
            guard let w = winners.last, sameKey(batch, w, batch, r) else {
                winners.append(r)
                summary.inserted += 1
                continue
            }
            if try incomingWins(day: day, held: batch, w, incoming: batch, r, summary: &summary) {
                winners[winners.count - 1] = r
            }
        }
        let columnar = ColumnarDay(day: day, batch: batch, rows: winners, schema: schema)
        let raw = PartitionCodec.encode(columnar, schema: schema)
        if day < sealBefore {
            try store.storeSealed(
                tableID: tableID, day: day, rowCount: winners.count, raw: raw, replacing: nil,
                logicalBytes: columnar.logicalBytes(schema: schema), schema: schema)
        } else {
            let dateText = CivilDate.string(day)
            for r in winners { try write(batch, r, dateText: dateText) }
            try store.recordPartition(
                tableID: tableID, day: day, tier: .hot, rowCount: winners.count,
                raw: raw, stored: nil, blobID: nil,
                logicalBytes: columnar.logicalBytes(schema: schema), schema: schema)
        }
        return true
    }

    private func mergeExisting(
        _ existing: PartitionInfo, rows: [Int], from batch: RowBatch, replacing: Bool,
        summary: inout LoadSummary
    ) throws -> Bool {
        let day = existing.day
        var current = try store.readPartition(existing, schema: schema).batch()
        var index: [[Cell]: Int] = [:]
        for r in 0..<current.count { index[keyColumns.map { current[r, $0] }] = r }
        var changed = Set<Int>()
        var seen = Set<Int>()
        var next = 0
        while next < rows.count {
            var r = rows[next]
            next += 1
            if replacing {
                // Versions of one key are adjacent: the winner among them is what the API says now, and it
                // replaces the held version whatever their versions say.
                while next < rows.count, sameKey(batch, r, batch, rows[next]) {
                    if try incomingWins(day: day, held: batch, r, incoming: batch, rows[next], summary: &summary) {
                        r = rows[next]
                    }
                    next += 1
                }
            }
            let key = keyColumns.map { batch[r, $0] }
            guard let target = index[key] else {
                current.append(row: batch.row(r))
                index[key] = current.count - 1
                changed.insert(current.count - 1)
                seen.insert(current.count - 1)
                summary.inserted += 1
                continue
            }
            seen.insert(target)
            if try incomingWins(
                day: day, held: current, target, incoming: batch, r, forced: replacing, summary: &summary)
            {
                replace(&current, target, with: batch, r)
                changed.insert(target)
            }
        }
        // Replacing: keys the batch does not hold are removed from the day.
        let removed = replacing ? (0..<current.count).filter { !seen.contains($0) } : []
        guard !changed.isEmpty || !removed.isEmpty else { return false }
        summary.removed += removed.count
        let dateText = CivilDate.string(day)
        if existing.tier == .hot {
            for r in removed { try deleteHot(current, r, dateText: dateText) }
        }
        if !removed.isEmpty {
            var kept = RowBatch(width: current.width, capacity: current.count - removed.count)
            var newChanged = Set<Int>()
            let removedSet = Set(removed)
            for r in 0..<current.count where !removedSet.contains(r) {
                if changed.contains(r) { newChanged.insert(kept.count) }
                kept.append(row: current.row(r))
            }
            current = kept
            changed = newChanged
        }
        let order = SortKeys(batch: current, schema: schema).rowsByDay().first?.1 ?? []
        let columnar = ColumnarDay(day: day, batch: current, rows: order, schema: schema)
        let raw = PartitionCodec.encode(columnar, schema: schema)
        if existing.tier == .sealed && day < sealBefore {
            // A sealed day outside the restatement window is resealed in place, as a new day that old is
            // sealed at once: nothing moves through the hot tier.
            try store.storeSealed(
                tableID: tableID, day: day, rowCount: current.count, raw: raw, replacing: existing.blobID,
                logicalBytes: columnar.logicalBytes(schema: schema), schema: schema)
            return true
        }
        let rowsToWrite = existing.tier == .sealed ? Array(0..<current.count) : changed.sorted()
        if existing.tier == .sealed, let blob = existing.blobID {
            try store.deleteBlob(blob)
        }
        for r in rowsToWrite { try write(current, r, dateText: dateText) }
        try store.recordPartition(
            tableID: tableID, day: day, tier: .hot, rowCount: current.count,
            raw: raw, stored: nil, blobID: nil, logicalBytes: columnar.logicalBytes(schema: schema),
            schema: schema)
        return true
    }

    private func deleteHot(_ rows: RowBatch, _ r: Int, dateText: String) throws {
        deleteStatement.clear()
        for (i, c) in ([schema.partitionIndex] + keyColumns).enumerated() {
            if c == schema.partitionIndex {
                try deleteStatement.bind(dateText, at: Int32(i + 1))
            } else if case .int(let v) = rows[r, c] {
                try deleteStatement.bind(v, at: Int32(i + 1))
            } else if case .text(let t) = rows[r, c] {
                try deleteStatement.bind(t, at: Int32(i + 1))
            } else if case .double(let d) = rows[r, c] {
                try deleteStatement.bind(d, at: Int32(i + 1))
            }
        }
        try deleteStatement.step()
    }

    @inline(__always)
    private func sameKey(_ a: RowBatch, _ ra: Int, _ b: RowBatch, _ rb: Int) -> Bool {
        for c in keyColumns where a[ra, c] != b[rb, c] { return false }
        return true
    }

    /// Counts the outcome of an incoming version against the one held, records a revision, and says whether
    /// the incoming version replaces the held one. `forced` (an overwrite) makes any different version win.
    private func incomingWins(
        day: Int64, held: RowBatch, _ h: Int, incoming: RowBatch, _ r: Int, forced: Bool = false,
        summary: inout LoadSummary
    ) throws -> Bool {
        switch resolve(current: held, h, incoming: incoming, r, forced: forced) {
        case .duplicate:
            summary.duplicates += 1
            return false
        case .stale:
            summary.stale += 1
            return false
        case .supersede:
            summary.superseded += 1
            return true
        case .revise:
            revisions.record(day: day, old: held, h, new: incoming, r)
            summary.revised += 1
            return true
        }
    }

    /// Decides between the version held and an incoming one of the same key (see `WriteTransaction.merge`).
    ///
    /// `forced`: the incoming version replaces the held one even when its versions are older (an overwrite makes
    /// a day hold exactly what the API returned, so a bad row with a later startTime cannot win for ever).
    private func resolve(current: RowBatch, _ c: Int, incoming: RowBatch, _ r: Int, forced: Bool) -> Outcome {
        if schema.contentIndices.allSatisfy({ current[c, $0] == incoming[r, $0] }) { return .duplicate }
        let valueChanged = schema.valueIndices.contains { current[c, $0] != incoming[r, $0] }
        if forced { return valueChanged ? .revise : .supersede }
        for (position, column) in schema.versionIndices.enumerated() {
            let order = Cell.compare(incoming[r, column], current[c, column])
            if order == 0 { continue }
            if order < 0 { return .stale }
            let isReadingTime = position == 0 && schema.columns[column].name.lowercased() == "starttime"
            // A later reading supersedes; a later publication of a different value is a revision; a later
            // publication of the same value only refreshes the version.
            return isReadingTime || !valueChanged ? .supersede : .revise
        }
        // Same versions, different values, no later ingestion: the later delivery wins as a revision.
        return valueChanged ? .revise : .supersede
    }

    private func replace(_ current: inout RowBatch, _ c: Int, with incoming: RowBatch, _ r: Int) {
        for column in 0..<schema.columns.count { current[c, column] = incoming[r, column] }
    }

    private func write(_ rows: RowBatch, _ r: Int, dateText: String) throws {
        upsert.clear()
        for (c, column) in schema.columns.enumerated() {
            let index = Int32(c + 1)
            switch rows[r, c] {
            case .null: try upsert.bindNull(at: index)
            case .int(let v):
                if column.kind == .date {
                    try upsert.bind(c == schema.partitionIndex ? dateText : CivilDate.string(v), at: index)
                } else {
                    try upsert.bind(v, at: index)
                }
            case .double(let d): try upsert.bind(d, at: index)
            case .text(let s): try upsert.bind(s, at: index)
            }
        }
        try upsert.step()
    }
}

/// A JSON string literal.
public func jsonString(_ s: String) -> String {
    jsonStringLiteral(s)
}

/// A CSV field, quoted when it holds a comma, quote or line break.
public func csvField(_ s: String) -> String {
    // Bytes, not Characters: CR LF is one Character (so `== "\n"` misses it) and so is `"` with a combining mark.
    let quote: UInt8 = 0x22
    guard s.utf8.contains(where: { $0 == 0x2C || $0 == quote || $0 == 0x0A || $0 == 0x0D }) else { return s }
    var bytes: [UInt8] = [quote]
    bytes.reserveCapacity(s.utf8.count + 2)
    for byte in s.utf8 {
        bytes.append(byte)
        if byte == quote { bytes.append(quote) }
    }
    bytes.append(quote)
    return String(decoding: bytes, as: UTF8.self)
}

/// A cell as a JSON value: dates and timestamps as strings, BOOL as true/false.
func jsonValue(_ cell: Cell, kind: StoredColumn.Kind) -> String {
    switch cell {
    case .null: return "null"
    case .text(let s): return jsonString(s)
    case .double(let d): return d.isFinite ? "\(d)" : "null"
    case .int(let v):
        switch kind {
        case .date: return jsonString(CivilDate.string(v))
        case .timestamp: return jsonString(Timestamp.isoString(v))
        case .boolean: return v != 0 ? "true" : "false"
        default: return String(v)
        }
    }
}
