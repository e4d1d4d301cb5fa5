import ArgumentParser
import FoundationEssentials
import Store
import Sync

extension SyncMethod: ExpressibleByArgument {}

/// `bmrs sync`: push new and changed daily partitions to BigQuery.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Push new and changed daily partitions to BigQuery, in batches, idempotently.",
        discussion: """
            Credentials, in order: --access-token or BMRS_BIGQUERY_TOKEN; GOOGLE_APPLICATION_CREDENTIALS (a
            service-account key or an authorized-user file); gcloud's application-default credentials; the
            metadata server. BIGQUERY_EMULATOR_HOST points every call at an emulator and sends no credentials.

            merge (default): per batch of days, a load into an expiring staging table, then one MERGE that
            replaces exactly those days. partition-load: one WRITE_TRUNCATE load per day into table$YYYYMMDD.

            Examples:
              bmrs sync --project my-project --dry-run
              bmrs sync --project my-project --dataset uk_energy_insights --location EU
              bmrs sync --project my-project --status
              bmrs sync --project my-project --verify --table bmrs_fuelhh
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The BigQuery project.", valueName: "project"))
    var project: String

    @Option(
        help: ArgumentHelp(
            "The BigQuery dataset (the migrations' uk_energy_insights maps to it).", valueName: "dataset"))
    var dataset: String = "uk_energy_insights"

    @Option(name: .customLong("table"), help: ArgumentHelp("Only this table (repeatable).", valueName: "table"))
    var tables: [String] = []

    @Option(help: ArgumentHelp("The dataset's location, e.g. EU or europe-west2.", valueName: "location"))
    var location: String?

    @Option(help: "merge or partition-load.")
    var method: SyncMethod = .merge

    @Option(help: ArgumentHelp("Days per batch (merge).", valueName: "n"))
    var batchPartitions: Int = SyncPlanner.defaultBatchPartitions

    @Option(help: ArgumentHelp("An OAuth access token (env BMRS_BIGQUERY_TOKEN).", valueName: "token"))
    var accessToken: String?

    @Flag(help: "List the days and the jobs a sync would run, and do nothing.")
    var dryRun = false

    @Flag(help: "Run pending migrations on BigQuery when the remote schema differs.")
    var applyMigrations = false

    @Flag(help: "List per table the days in sync, changed since the last sync, and never synced.")
    var status = false

    @Flag(help: "Compare each day's remote row count and checksum with the store.")
    var verify = false

    @Flag(help: "Machine-readable output.")
    var json = false

    func validate() throws {
        if batchPartitions < 1 || batchPartitions > SyncPlanner.partitionsPerJob {
            throw ValidationError("--batch-partitions must be 1...\(SyncPlanner.partitionsPerJob)")
        }
        if [dryRun, status, verify].filter({ $0 }).count > 1 {
            throw ValidationError("--dry-run, --status and --verify are separate runs: pass one of them")
        }
    }

    var options: SyncOptions {
        var options = SyncOptions(project: project)
        options.dataset = dataset
        options.location = location
        options.tables = tables.isEmpty ? nil : tables
        options.method = method
        options.batchPartitions = batchPartitions
        options.applyMigrations = applyMigrations
        return options
    }

    func run() throws {
        try reportingErrors {
            let readOnly = dryRun || status || verify
            let warehouse = try storeOptions.open(readOnly ? .read : .write)
            let source = StoreSyncSource(warehouse)
            let environment = ProcessInfo.processInfo.environment
            let endpoint = BigQueryEndpoint.fromEnvironment(environment)
            let report = SyncReport(json: json)
            if status || dryRun {
                let runner = SyncRunner(
                    client: BigQueryClient(
                        endpoint: endpoint, project: project, location: location, credentials: .anonymous),
                    source: source, options: options)
                let plans = try runner.plan()
                if status { report.status(plans) } else { report.dryRun(plans, method: method) }
                return
            }
            let credentials = try Credentials.resolve(
                accessToken: accessToken, environment: environment, endpoint: endpoint)
            for warning in credentials.warnings { printError("bmrs: warning: \(warning)") }
            let client = BigQueryClient(
                endpoint: endpoint, project: project, location: location, credentials: credentials)
            let runner = SyncRunner(client: client, source: source, options: options)
            if verify {
                let differences = try SyncVerifier(client: client, source: source, options: options).verify()
                report.verify(differences)
                if !differences.isEmpty { throw ExitCode.failure }
                return
            }
            runner.onEvent = { report.progress($0) }
            let started = SyncReport.seconds()
            let summary = try runner.run(try runner.plan())
            report.summary(summary, seconds: SyncReport.seconds() - started)
            if !summary.failures.isEmpty { throw ExitCode.failure }
        }
    }
}
