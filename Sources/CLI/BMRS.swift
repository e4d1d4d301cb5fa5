import ArgumentParser

/// The `bmrs` command: a local mirror of Elexon BMRS data in one SQLite file.
public struct BMRS: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bmrs",
        abstract: "A local, deduplicated, BigQuery-shaped warehouse of Elexon BMRS data in one SQLite file.",
        discussion: """
            The store (--store, env BMRS_STORE, default ./bmrs.sqlite) mirrors the BigQuery tables
            uk_energy_insights.bmrs_fuelinst and bmrs_fuelhh: one row per (settlementDate, settlementPeriod,
            fuelType), partitioned by day, older days sealed as zstd blobs.

            Examples:
              bmrs load --dataset FUELHH Tests/Fixtures/FUELHH_2018.json.zst
              bmrs compact
              bmrs partitions --table bmrs_fuelhh
              bmrs query "SELECT fuelType, avg(generation) FROM bmrs_fuelhh WHERE settlementDate = '2018-03-25' GROUP BY 1"
            """,
        version: BuildInfo.versionText,
        subcommands: [
            IngestCommand.self, Load.self, Migrate.self, Query.self, Partitions.self, Compact.self, Verify.self,
            Backup.self,
            Export.self, Schema.self, CheckCommand.self,
        ]
    )

    public init() {}
}
