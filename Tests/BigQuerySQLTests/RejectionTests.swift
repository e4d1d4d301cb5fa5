import BigQueryFunctions
import BigQuerySQL
import TestSupport
import Testing

/// What BigQuery rejects is rejected here, with BigQuery's message and position.
@Suite struct RejectionTests {
    let fixture = QueryFixture.shared

    @Test(arguments: [
        ("SELECT julianday('now')", "Function not found: julianday at [1:8]"),
        ("SELECT strftime('%Y', settlementDate) FROM bmrs_fuelhh", "Function not found: strftime at [1:8]"),
        ("SELECT date('now')", "Could not cast literal \"now\" to type DATE at [1:13]"),
        ("SELECT GROUP_CONCAT(fuelType) FROM bmrs_fuelhh", "Function not found: GROUP_CONCAT at [1:8]"),
        ("SELECT no_such_fn(1)", "Function not found: no_such_fn at [1:8]"),
        ("SELECT 1 FROM bmrs_fuelhh LIMIT 5, 10", "Syntax error: Unexpected \",\" at [1:34]"),
        (
            "SELECT generation, COUNT(*) FROM bmrs_fuelhh GROUP BY fuelType",
            "SELECT list expression references column generation which is neither grouped nor aggregated at [1:8]"
        ),
        (
            "SELECT fuelType FROM bmrs_fuelhh GROUP BY 1 HAVING generation > 0",
            "HAVING clause expression references column generation which is neither grouped nor aggregated at [1:52]"
        ),
        (
            "SELECT * FROM bmrs_fuelhh WHERE settlementPeriod = '1'",
            "No matching signature for operator = for argument types: INT64, STRING at [1:33]"
        ),
        (
            "SELECT x\nFROM bmrs_fuelhh\nQUALIFY TRUE\nWHERE TRUE",
            "Syntax error: Expected end of input but got keyword WHERE at [4:1]"
        ),
        ("SELECT 1\nORDER BY 1\nQUALIFY TRUE", "Syntax error: Expected end of input but got keyword QUALIFY at [3:1]"),
        ("SELECT nope FROM bmrs_fuelhh", "Unrecognized name: nope at [1:8]"),
        ("SELECT 1 FROM uk_energy_insights.nope", "Not found: Table uk_energy_insights.nope was not found at [1:34]"),
        ("SELECT 1 FROM other.bmrs_fuelhh", "Not found: Dataset other was not found at [1:15]"),
        (
            "SELECT SUM(generation) FROM bmrs_fuelhh WHERE SUM(generation) > 0",
            "Aggregate function SUM not allowed in WHERE clause at [1:47]"
        ),
        ("SELECT SUM(COUNT(*)) FROM bmrs_fuelhh", "Aggregations of aggregations are not allowed at [1:12]"),
        (
            "SELECT ROW_NUMBER() FROM bmrs_fuelhh",
            "Analytic function ROW_NUMBER cannot be called without an OVER clause at [1:8]"
        ),
        ("SELECT DATE '2018-02-30'", "Invalid DATE literal: 2018-02-30 at [1:8]"),
        (
            "SELECT 1 FROM bmrs_fuelhh WHERE settlementDate = '21/06/2018'",
            "Could not cast literal \"21/06/2018\" to type DATE at [1:33]"
        ),
        (
            "SELECT 'a' LIKE settlementPeriod FROM bmrs_fuelhh",
            "No matching signature for operator LIKE for argument types: STRING, INT64 at [1:8]"
        ),
        ("SELECT @missing", "Query parameter 'missing' not found at [1:8]"),
        (
            "SELECT 1 UNION ALL SELECT 1, 2",
            "Queries in UNION ALL have mismatched column count; query 1 has 1 columns, query 2 has 2 columns at [1:10]"
        ),
        ("SELECT TRUE + 1", "No matching signature for operator + for argument types: BOOL, INT64 at [1:8]"),
        ("SELECT * EXCEPT (nope) FROM bmrs_fuelhh", "Column nope in SELECT * EXCEPT list does not exist at [1:18]"),
        (
            "WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM (SELECT n FROM t)) SELECT * FROM t",
            "Unsupported construct: a recursive reference to t other than once in the recursive term's FROM cannot "
                + "be translated exactly to the local store at [1:79]"
        ),
    ])
    func rejectsWithBigQuerysMessageAndPosition(sql: String, message: String) {
        #expect(fixture.error(sql) == message)
    }

    /// The emitter calls only functions the function pack's catalog lists (the contract with bq-functions).
    @Test func emitsOnlyCatalogedFunctions() throws {
        let queries = [
            "SELECT 5 / 2, DIV(5, 2), MOD(5, 2), ROUND(2.5), SAFE_DIVIDE(1, 0), 1 + 1 + generation, -generation FROM bmrs_fuelhh",
            "SELECT DATE_ADD(settlementDate, INTERVAL 1 DAY), DATE_DIFF(settlementDate, DATE '2018-01-01', DAY), "
                + "EXTRACT(DAYOFWEEK FROM settlementDate), DATE_TRUNC(settlementDate, WEEK), FORMAT_DATE('%Y', settlementDate), "
                + "TIMESTAMP_TRUNC(startTime, HOUR, 'Europe/London'), DATE(startTime, 'Europe/London') FROM bmrs_fuelhh",
            "SELECT CAST(generation AS STRING), SAFE_CAST(fuelType AS INT64), LOWER(fuelType), SUBSTR(fuelType, 2), "
                + "STARTS_WITH(fuelType, 'C'), REGEXP_CONTAINS(fuelType, r'^C'), SPLIT(fuelType, 'C')[SAFE_OFFSET(0)] FROM bmrs_fuelhh",
            "SELECT STDDEV(generation), ARRAY_AGG(fuelType ORDER BY fuelType LIMIT 2), STRING_AGG(DISTINCT fuelType), "
                + "ANY_VALUE(fuelType), GENERATE_DATE_ARRAY(DATE '2018-01-01', DATE '2018-01-03') FROM bmrs_fuelhh",
        ]
        let known = Set(FunctionCatalog.entries.map(\.name))
        for sql in queries {
            let emitted = try fixture.translate(sql).sql
            var names = Set<String>()
            var rest = Substring(emitted)
            while let range = rest.range(of: "bq_") {
                let name = rest[range.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                names.insert(String(name))
                rest = rest[range.upperBound...]
            }
            #expect(names.subtracting(known).isEmpty, "\(sql)")
        }
    }
}
