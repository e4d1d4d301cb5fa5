import Foundation
import TestSupport
import Testing

/// Issue 6 through the built binary: queries cannot write (defect 1), pruning keeps answers (5), and no output
/// is silent or lost (8).
@Suite(.serialized) struct QueryOutputTests {
    let directory = TemporaryDirectory()
    var store: String { directory.file("store.sqlite") }

    func loadTwoDays() throws {
        let load = try bmrs([
            "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018-10-28.csv"),
            TestSupport.fixture("FUELHH_2018-03-25.stream.json.gz"),
        ])
        #expect(load.status == 0, "\(load.stderr)")
    }

    @Test func theIssuesWritingQueriesAreRefusedAndTheStoreStaysSound() throws {
        try loadTwoDays()
        let vacuumTarget = directory.file("vacuumed.sqlite")
        let examples = [
            "PRAGMA query_only=0; DELETE FROM _bmrs_partitions",
            "PRAGMA journal_mode=DELETE",
            "DROP TABLE _bmrs_migrations",
            "VACUUM INTO '\(vacuumTarget)'",
            "ATTACH '\(directory.file("other.sqlite"))' AS other",
            "SELECT load_extension('libnothing')",
        ]
        for sql in examples {
            let result = try bmrs(["query", "--sqlite", "--store", store, sql])
            #expect(result.status == 1, "\(sql)")
            #expect(result.stderr.hasPrefix("bmrs: error: query is read-only: "), "\(sql): \(result.stderr)")
            #expect(result.stderr.hasSuffix(" is not allowed\n"), "\(sql): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            let verify = try bmrs(["verify", "--store", store])
            #expect(verify.status == 0 && verify.stdout == "checked 2 partition(s), 1440 rows: ok\n", "\(sql)")
        }
        #expect(!FileManager.default.fileExists(atPath: vacuumTarget))
        let count = try bmrs(["query", "--store", store, "--format", "csv", "SELECT count(*) AS n FROM bmrs_fuelhh"])
        #expect(count.stdout == "n\n1440\n")
    }

    @Test func pruningUnderRTRIMOrNOCASEGivesTheUnprunedAnswer() throws {
        try loadTwoDays()
        for condition in [
            "settlementDate = '2018-03-25 ' COLLATE RTRIM", "settlementDate = '2018-03-25' COLLATE NOCASE",
        ] {
            let pruned = try bmrs([
                "query", "--sqlite", "--store", store, "--format", "csv",
                "SELECT count(*) AS n FROM bmrs_fuelhh WHERE \(condition)",
            ])
            let plain = try bmrs([
                "query", "--sqlite", "--store", store, "--format", "csv",
                "SELECT count(*) AS n FROM bmrs_fuelhh WHERE +\(condition)",
            ])
            #expect(plain.stdout == "n\n690\n")
            #expect(pruned.stdout == plain.stdout, "\(condition)")
        }
    }

    @Test func resultsBeforeAFailingStatementArePrintedAndTheErrorNamesIt() throws {
        try loadTwoDays()
        let result = try bmrs(["query", "--sqlite", "--store", store, "SELECT 1 a; SELECT 2 b; SELEC 3"])
        #expect(result.status == 1)
        #expect(result.stdout == "a\n-\n1\n(1 row)\n\nb\n-\n2\n(1 row)\n", "\(result.stdout)")
        #expect(result.stderr == "bmrs: error: statement 3 (SELEC 3) does not compile: near \"SELEC\": syntax error\n")
        let json = try bmrs([
            "query", "--sqlite", "--store", store, "--format", "json",
            "SELECT 1 a; SELECT 2 b; SELECT nope FROM bmrs_fuelhh",
        ])
        #expect(json.stdout == "[{\"a\":1}]\n[{\"b\":2}]\n", "\(json.stdout)")
        #expect(
            json.stderr.contains("statement 3 (SELECT nope FROM bmrs_fuelhh) does not compile: no such column: nope"))
    }

    @Test func backupRefusesAnEmptyNameAndWritesIntoADirectory() throws {
        try loadTwoDays()
        let empty = try bmrs(["backup", "--store", store, ""])
        #expect(empty.status == 64)
        #expect(!empty.stdout.contains("backed up"))
        let folder = directory.file("backups")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let into = try bmrs(["backup", "--store", store, folder + "/"])
        #expect(into.status == 0, "\(into.stderr)")
        #expect(into.stdout == "backed up \(store) to \(folder)/store.sqlite\n")
        #expect(try bmrs(["verify", "--store", folder + "/store.sqlite"]).status == 0)
        let again = try bmrs(["backup", "--store", store, folder])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        let missing = try bmrs(["backup", "--store", store, directory.file("nowhere") + "/"])
        #expect(missing.status == 1)
        #expect(
            missing.stderr
                == "bmrs: error: there is no directory \(directory.file("nowhere"))/ to write the backup into\n")
        #expect(!FileManager.default.fileExists(atPath: directory.file("nowhere")))
    }

    @Test func exportToADashWritesStandardOutput() throws {
        try loadTwoDays()
        let result = try run(
            TestSupport.binary,
            [
                "export", "--store", store, "--table", "bmrs_fuelhh", "--format", "csv", "--output", "-",
                "--start", "2018-03-25", "--end", "2018-03-25",
            ],
            directory: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 691)
        #expect(
            lines.first == "settlementDate,settlementPeriod,fuelType,generation,publishTime,startTime,_ingested_utc")
        #expect(result.stderr == "exported 690 rows of bmrs_fuelhh to standard output\n")
        #expect(!FileManager.default.fileExists(atPath: directory.file("-")))
        let sqlite = try run(
            TestSupport.binary,
            ["export", "--store", store, "--table", "bmrs_fuelhh", "--format", "sqlite", "--output", "-"],
            directory: directory.path)
        #expect(sqlite.status == 1)
        #expect(sqlite.stderr.contains("cannot be written to standard output"))
    }

    @Test func anExportNamedForAnotherCompressionIsRefusedNotWrittenPlain() throws {
        try loadTwoDays()
        for name in ["x.ndjson.gz", "x.csv.bz2", "x.csv.xz"] {
            let output = directory.file(name)
            let format = name.contains("ndjson") ? "ndjson" : "csv"
            let result = try bmrs([
                "export", "--store", store, "--table", "bmrs_fuelhh", "--format", format, "--output", output,
            ])
            #expect(result.status == 1, "\(name)")
            #expect(result.stderr.contains("compresses only with zstd"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
        let zst = directory.file("x.ndjson.zst")
        #expect(
            try bmrs(["export", "--store", store, "--table", "bmrs_fuelhh", "--format", "ndjson", "--output", zst])
                .status == 0)
        let magic = try #require(FileManager.default.contents(atPath: zst)).prefix(4)
        #expect(Array(magic) == [0x28, 0xB5, 0x2F, 0xFD])
        let sqliteZst = try bmrs([
            "export", "--store", store, "--table", "bmrs_fuelhh", "--format", "sqlite", "--output",
            directory.file("x.sqlite.zst"),
        ])
        #expect(sqliteZst.status == 1)
        #expect(sqliteZst.stderr.contains("cannot be compressed"))
    }

    /// CSV quotes a field holding CR LF (a Swift `Character` test missed the pair) and prints every type as before.
    @Test func csvQuotesLineBreaksAndPrintsEachTypeByteForByte() throws {
        try loadTwoDays()
        let sqlite = try bmrs([
            "query", "--sqlite", "--store", store, "--format", "csv",
            "SELECT 'a' || char(13, 10) || 'b' AS t, 'x,y' AS c, 'é\"' AS q, NULL AS n, 1.5 AS r, 2.0 AS w, x'0aff' AS b",
        ])
        #expect(sqlite.stdout == "t,c,q,n,r,w,b\n\"a\r\nb\",\"x,y\",\"é\"\"\",,1.5,2.0,x'0aff'\n", "\(sqlite.stderr)")
        let typed = try bmrs([
            "query", "--store", store, "--format", "csv",
            """
            SELECT TIMESTAMP '2018-06-21 12:30:00' AS ts, DATE '2018-06-21' AS d, 0.1 AS f, CAST(1 AS FLOAT64) AS one,
              TRUE AS b, CAST(NULL AS STRING) AS n, 'a,b' AS s, 'a\\r\\nb' AS crlf, DATETIME '2018-06-21 12:30:00' AS dt,
              b'ab' AS bb, [1, 2] AS arr, 'é' AS u, -9223372036854775807 - 1 AS lowest
            """,
        ])
        #expect(
            typed.stdout == "ts,d,f,one,b,n,s,crlf,dt,bb,arr,u,lowest\n"
                + "2018-06-21 12:30:00 UTC,2018-06-21,0.1,1.0,true,,\"a,b\",\"a\r\nb\",2018-06-21T12:30:00,YWI=,"
                + "\"[1,2]\",é,-9223372036854775808\n", "\(typed.stderr)")
        let rows = try bmrs([
            "query", "--store", store, "--format", "csv",
            "SELECT * FROM uk_energy_insights.bmrs_fuelhh WHERE settlementDate = '2018-10-28' ORDER BY 3, 2 LIMIT 2",
        ])
        #expect(rows.stdout.hasPrefix("settlementDate,settlementPeriod,fuelType,generation,publishTime,startTime,"))
        #expect(rows.stdout.contains("\n2018-10-28,1,BIOMASS,"), "\(rows.stdout)")
        #expect(rows.stdout.contains(",2018-10-27 23:00:00 UTC,"), "\(rows.stdout)")
    }
}
