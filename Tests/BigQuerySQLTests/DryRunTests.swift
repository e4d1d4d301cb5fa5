import TestSupport
import Testing

@testable import BigQuerySQL

/// The dry run: bytes of referenced columns in the partitions BigQuery's pruning keeps.
///
/// BigQuery's logical sizes ("Data size calculation"): INT64, FLOAT64, DATE and TIMESTAMP are 8 bytes,
/// STRING is 2 bytes plus its UTF-8 length.
@Suite struct DryRunTests {
    let fixture = QueryFixture.shared

    func bill(_ sql: String) throws -> (QueryBill, TranslatedQuery) {
        let translated = try fixture.translate(sql)
        return (try fixture.bill(translated), translated)
    }

    @Test func billsReferencedColumnsOfSurvivingPartitions() throws {
        // settlementPeriod and settlementDate (referenced in WHERE) of 690 rows: 2 × 8 × 690 bytes.
        let (bill, _) = try bill("SELECT settlementPeriod FROM bmrs_fuelhh WHERE settlementDate = '2018-03-25'")
        #expect(bill.bytesProcessed == 11_040)
        #expect(bill.tables.map(\.partitionsRead) == [1])
        #expect(bill.bytesBilled == 10 * 1024 * 1024)
        #expect(
            bill.validationLine
                == "Query successfully validated. Assuming the tables are not modified, running this query will process 11040 bytes of data."
        )
        #expect(bill.detailLine.hasPrefix("bmrs_fuelhh: 1 of 3 partitions; 10485760 bytes billed"))
    }

    @Test(arguments: [
        ("settlementDate BETWEEN '2018-01-01' AND '2018-03-25'", 2),
        ("settlementDate IN ('2018-01-01', DATE '2018-10-28')", 2),
        ("settlementDate >= '2018-03-25'", 2),
        ("'2018-03-25' > settlementDate", 1),
        ("settlementDate = @day", 1),
        (
            "settlementDate BETWEEN DATE_SUB(DATE '2018-10-28', INTERVAL 1 WEEK) AND DATE_ADD('2018-10-27', INTERVAL 1 DAY)",
            1
        ),
        ("settlementDate = '2018-01-01' AND settlementDate = '2018-10-28'", 0),
        ("settlementDate = '2018-01-01' OR settlementDate = '2018-10-28'", 3),
        ("EXTRACT(YEAR FROM settlementDate) = 2018", 3),
        ("CAST(settlementDate AS STRING) = '2018-01-01'", 3),
        // "Query partitioned tables": CURRENT_TIMESTAMP() and friends are constant expressions; the fixture's
        // clock is 2018-10-28 12:00 UTC.
        ("settlementDate = CURRENT_DATE()", 1),
        ("settlementDate >= DATE_SUB(CURRENT_DATE('Europe/London'), INTERVAL 7 DAY)", 1),
        ("settlementDate < CURRENT_DATE", 2),
    ])
    func prunesExactlyWhereBigQueryPrunes(filter: String, partitions: Int) throws {
        let translated = try fixture.translate(
            "SELECT COUNT(*) FROM bmrs_fuelhh WHERE \(filter)",
            parameters: [try QueryParameter(parsing: "day:DATE:2018-01-01")])
        let bill = try fixture.bill(translated)
        #expect(bill.tables.map(\.partitionsRead) == [partitions])
    }

    @Test func warnsWhenAFilterDefeatsPruningAndAboutLimit() throws {
        let (_, translated) = try bill(
            "SELECT fuelType FROM bmrs_fuelhh\nWHERE EXTRACT(YEAR FROM settlementDate) = 2018 LIMIT 1")
        #expect(
            translated.warnings == [
                "the filter on settlementDate does not prune partitions: BigQuery prunes only when the bare partition "
                    + "column is compared with constant expressions at [2:7]",
                "LIMIT does not reduce the bytes billed: BigQuery reads the same columns and partitions",
            ])
    }

    @Test func billsEachTableReadWithItsMinimum() throws {
        let (bill, _) = try bill(
            "SELECT a.fuelType FROM bmrs_fuelhh AS a JOIN bmrs_fuelinst AS b USING (settlementDate) WHERE a.settlementDate = '2018-01-01'"
        )
        #expect(bill.tables.count == 2)
        #expect(bill.bytesBilled == bill.tables.map { max($0.bytesProcessed, 10 * 1024 * 1024) }.reduce(0, +))
        #expect(QueryBill.price(0.000059604644775390625) == "0.000060")
    }
}
