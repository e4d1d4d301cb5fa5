import Foundation
import Rows
import Store
import TestSupport
import Testing

/// `bmrs ingest --overwrite` makes a day hold exactly what the API returned, whatever versions the store holds:
/// a row that wins by a bogus later startTime or publishTime is replaced and the change recorded as a revision.
@Suite struct OverwriteTests {
    let directory = TemporaryDirectory()
    let server: InsightsServer

    init() throws {
        server = try InsightsServer()
    }

    static let day = ["--start", "2018-06-01", "--end", "2018-06-01"]
    static let key = "settlementDate = '2018-06-01' AND settlementPeriod = 5 AND fuelType = 'CCGT'"

    func ingest(_ store: String, _ extra: [String] = []) throws -> [String: Any] {
        let result = try bmrs(
            ["ingest", "FUELHH", "--store", store, "--api-base", server.baseURL, "--json"] + Self.day + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    func row(_ store: String) throws -> String {
        try bmrs([
            "query", "--store", store, "--format", "csv",
            "SELECT generation, publishTime, startTime FROM bmrs_fuelhh WHERE \(Self.key)",
        ]).stdout
    }

    func day(_ store: String) throws -> String {
        try bmrs([
            "query", "--store", store, "--format", "csv",
            """
            SELECT settlementPeriod, fuelType, generation, publishTime, startTime FROM bmrs_fuelhh
            WHERE settlementDate = '2018-06-01' ORDER BY 1, 2
            """,
        ]).stdout
    }

    /// Writes the bad version of 2018-06-01 period 5 CCGT straight into the store, past the parser's checks
    /// (as a store written before they existed holds it): startTime and publishTime in 2081.
    func writeBadRow(into store: String) throws {
        let warehouse = try Warehouse(path: store, access: .write)
        let schema = try warehouse.schema(named: "bmrs_fuelhh")
        var batch = RowBatch(width: schema.columns.count)
        batch.append(row: [
            .int(try #require(CivilDate.parse("2018-06-01"))), .int(5), .text("CCGT"), .int(999_999),
            .int(try #require(Timestamp.parse("2081-06-01T01:30:00Z"))),
            .int(try #require(Timestamp.parse("2081-06-01T01:00:00Z"))), .int(0),
        ])
        try warehouse.write { transaction in
            let run = try transaction.beginRun(.load, dataset: "FUELHH", table: schema.name, source: "bad")
            try transaction.finishRun(run, summary: try transaction.merge(batch, into: schema, run: run), status: .ok)
        }
    }

    @Test func anOverwriteReplacesARowThatWonWithALaterStartTime() throws {
        let reference = directory.file("reference.sqlite")
        _ = try ingest(reference)
        let store = directory.file("store.sqlite")
        try writeBadRow(into: store)
        // Without --overwrite the bad version still wins (later startTime): the fetched value is stale.
        let plain = try ingest(store)
        #expect(plain["stale_dropped"] as? Int == 1)
        #expect(try row(store).contains("999999"))
        let overwrite = try ingest(store, ["--overwrite"])
        #expect(overwrite["revised"] as? Int == 1, "\(overwrite)")
        #expect(try row(store) == (try row(reference)))
        #expect(try row(store).contains("2018-06-01 01:00:00"))
        #expect(try day(store) == (try day(reference)))
    }
}
