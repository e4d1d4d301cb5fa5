/// Store size, rows, bytes per row, compression ratio and make-up; judged against `storageBudget` when given.
struct StorageCheck {
    let config: CheckConfig

    /// The part of the store an SQLite object belongs to: data, revisions, archive or bookkeeping.
    static func part(of object: String) -> String {
        if object.hasPrefix("_bmrs_hot_") || object.hasPrefix("_bmrs_blobs") || object.hasPrefix("_bmrs_partitions") {
            return "data"
        }
        if object.hasPrefix("_bmrs_revision") { return "revisions" }
        if object.hasPrefix("_bmrs_responses") || object.hasPrefix("_bmrs_bodies") { return "archive" }
        return "bookkeeping"
    }

    func run(_ storage: StorageFacts, into outcome: inout CheckOutcome) {
        var parts = ["data": 0, "revisions": 0, "archive": 0, "bookkeeping": 0, "free": storage.freeBytes]
        for (object, bytes) in storage.objectBytes { parts[Self.part(of: object), default: 0] += bytes }
        let size = storage.fileBytes + storage.walBytes
        outcome.metric("bmrs_check_store_bytes", Double(size), "Store file plus WAL, bytes.")
        for (part, bytes) in parts.sorted(by: { $0.key < $1.key }) {
            outcome.metric(
                "bmrs_check_store_part_bytes", Double(bytes), "Bytes by part of the store.", [("part", part)])
        }
        outcome.metric("bmrs_check_store_rows", Double(storage.rows), "Rows held in every table.")
        outcome.metric(
            "bmrs_check_store_bytes_per_row", storage.rows == 0 ? 0 : Double(size) / Double(storage.rows),
            "Store bytes per row.")
        let data = parts["data"] ?? 0
        outcome.metric(
            "bmrs_check_compression_ratio", data == 0 ? 0 : Double(storage.rawBytes) / Double(data),
            "Uncompressed row bytes / bytes the data takes on disk.")
        guard let budget = config.storageBudget, budget > 0 else { return }
        let used = Double(size) / Double(budget)
        outcome.metric("bmrs_check_storage_budget_bytes", Double(budget), "The storage budget given.")
        outcome.metric("bmrs_check_storage_used_ratio", used, "Store bytes / budget.")
        guard let level = severity(of: used, warning: config.storageWarning, critical: config.storageCritical) else {
            return
        }
        var finding = Finding(
            .storage, level, table: nil,
            "the store takes \(size) bytes, \(percentText(used)) of the \(budget)-byte budget")
        finding.fix = "bmrs compact"
        outcome.findings.append(finding)
    }
}
