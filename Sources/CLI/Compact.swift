import ArgumentParser
import Store

/// `bmrs compact`: seal older partitions and leave the file compact.
struct Compact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Seal hot partitions older than the restatement window into zstd blobs, then vacuum.",
        discussion: """
            A sealed day is one zstd-compressed, column-wise blob sorted by the cluster column, with its revisions
            in one zstd-compressed record beside it. Writing into a sealed day inside the restatement window
            unseals it; an older day is resealed in place. Archived responses older than the retention period
            are pruned (the newest good response of each window is always kept). After sealing, the file is
            rewritten so no free pages remain.

            Examples:
              bmrs compact
              bmrs compact --older-than 30 --table bmrs_fuelinst
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Seal days more than this many days (0 or more) before today (UTC).", valueName: "days"))
    var olderThan: Int = 7

    @Option(help: ArgumentHelp("Only this table (repeatable).", valueName: "table"))
    var table: [String] = []

    @Option(help: ArgumentHelp("zstd level for sealed blobs, 1 to 22.", valueName: "n"))
    var level: Int32 = 9

    @Option(
        help: ArgumentHelp(
            "Keep every archived response this many days (0 or more); older ones only when the newest good one of their window.",
            valueName: "days"))
    var archiveRetentionDays: Int = 30

    func validate() throws {
        guard (1...22).contains(level) else { throw ValidationError("--level must be between 1 and 22") }
        guard olderThan >= 0 else { throw ValidationError("--older-than must be 0 or more days") }
        guard archiveRetentionDays >= 0 else { throw ValidationError("--archive-retention-days must be 0 or more") }
    }

    func run() throws {
        try reportingErrors {
            let warehouse = try storeOptions.open(.write)
            warehouse.sealLevel = level
            warehouse.archiveRetentionDays = archiveRetentionDays
            let s = try warehouse.compact(olderThanDays: olderThan, tables: table.isEmpty ? nil : table)
            let ratio = s.storedBytes > 0 ? Double(s.rawBytes) / Double(s.storedBytes) : 0
            print(
                "sealed \(s.partitionsSealed) partition(s), \(s.rowsSealed) rows: \(s.rawBytes) raw bytes -> "
                    + "\(s.storedBytes) stored (\(NumberText.fixed(ratio, digits: 1))x); store \(s.fileBytesBefore) -> "
                    + "\(s.fileBytesAfter) bytes; archive: \(s.archivePruned.responses) response(s), "
                    + "\(s.archivePruned.bodies) distinct bodies pruned")
        }
    }
}
