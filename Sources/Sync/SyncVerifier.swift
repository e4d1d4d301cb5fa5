import BigQueryDDL
import FoundationEssentials

/// A day whose remote content differs from the store's.
public struct VerifyDifference: Sendable, Equatable {
    /// The table.
    public let table: String
    /// The day.
    public let date: String
    /// The local checksum (`rows=…;column=…`), or `missing`.
    public let local: String
    /// The remote checksum, or `missing`.
    public let remote: String
}

/// Compares, per day, the remote row count and a content checksum with the store's, using one query job per
/// table. The checksum is a list of integer aggregates that BigQuery, the emulator and bmrs all compute exactly:
/// `SUM` of INT64 columns, `SUM(LENGTH(…))` of STRING columns, `SUM(UNIX_SECONDS(…))` of TIMESTAMP columns,
/// `SUM(UNIX_DATE(…))` of DATE columns, `COUNTIF` of BOOL columns and `COUNT` of the others.
public struct SyncVerifier {
    let client: BigQueryClient
    let source: any SyncSource
    let options: SyncOptions

    /// Creates a verifier.
    public init(client: BigQueryClient, source: any SyncSource, options: SyncOptions) {
        self.client = client
        self.source = source
        self.options = options
    }

    /// The days that differ, in table and day order.
    public func verify() throws(SyncError) -> [VerifyDifference] {
        var differences: [VerifyDifference] = []
        let names = options.tables ?? source.catalog.tables.map(\.reference.table)
        for name in names {
            let definition = try RemoteSchema(client: client, options: options, source: source).localDefinition(name)
            let checksum = Checksum(definition: definition)
            var remote: [String: String] = [:]
            let exists = try client.getTable(dataset: options.dataset, table: name) != nil
            let rows =
                !exists
                ? []
                : try client.queryRows(
                    id: "bmrs_verify_\(name)_\(LocalFile.now())_\(UInt32.random(in: 0...UInt32.max))",
                    sql: checksum.sql(table: "`\(options.project).\(options.dataset).\(name)`"))
            for row in rows {
                guard let date = row.first ?? nil else { continue }
                remote[date] = checksum.text(row.dropFirst().map { Checksum.normalized($0) })
            }
            var local: [String: String] = [:]
            do {
                for partition in try source.partitions(of: name) {
                    var bytes: [UInt8] = []
                    _ = try source.writeRows(of: name, date: partition.date, into: &bytes)
                    local[partition.date] = checksum.text(try checksum.aggregate(ndjson: bytes))
                }
            } catch let error as SyncError {
                throw error
            } catch {
                throw SyncError(.store, "cannot read the store: \(error)", context: name)
            }
            for date in Set(local.keys).union(remote.keys).sorted() where local[date] != remote[date] {
                differences.append(
                    VerifyDifference(
                        table: name, date: date, local: local[date] ?? "missing", remote: remote[date] ?? "missing"))
            }
        }
        return differences
    }
}
