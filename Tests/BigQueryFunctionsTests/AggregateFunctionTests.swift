import BigQueryFunctions
import SQLite
import Testing

@Suite struct AggregateFunctionTests {
    let db: Database

    init() throws {
        db = try packConnection()
        try db.execute(
            sql: """
                CREATE TABLE t(g TEXT, x INTEGER, f REAL, b INTEGER, s TEXT);
                INSERT INTO t VALUES ('a', 10, 10.0, 1, 'x'), ('a', 14, 14.0, 1, NULL), ('a', 18, 18.0, 0, 'y'),
                                     ('b', NULL, NULL, NULL, 'z'), ('b', 3, 2.0, 1, 'z');
                """)
    }

    @Test func sumsInt64ExactlyAndRejectsOverflow() throws {
        #expect(try value(db, "SELECT bq_sum_int64(x) FROM t WHERE g = 'a'") == .integer(42))
        #expect(try value(db, "SELECT bq_sum_int64(x) FROM t WHERE 0") == .null)
        #expect(
            try value(
                db, "SELECT bq_sum_int64(v) FROM (SELECT 9223372036854775807 v UNION ALL SELECT 1 UNION ALL SELECT -2)")
                == .integer(9_223_372_036_854_775_806))
        #expect(
            failure(db, "SELECT bq_sum_int64(v) FROM (SELECT 9223372036854775807 v UNION ALL SELECT 1)")?
                .hasPrefix("int64 overflow") == true)
    }

    @Test func computesStatistics() throws {
        // BigQuery docs: STDDEV_SAMP of [10, 14, 18] is 4, VAR_SAMP 16, VAR_POP 10.666…
        #expect(try value(db, "SELECT bq_stddev_samp(f) FROM t WHERE g = 'a'") == .real(4))
        #expect(try value(db, "SELECT bq_var_samp(f) FROM t WHERE g = 'a'") == .real(16))
        #expect(try value(db, "SELECT round(bq_var_pop(f), 6) FROM t WHERE g = 'a'") == .real(10.666667))
        #expect(try value(db, "SELECT bq_var_samp(f) FROM t WHERE g = 'b'") == .null)
        #expect(try value(db, "SELECT bq_covar_pop(f, x) FROM t WHERE g = 'a'") == .real(32.0 / 3.0))
        #expect(try value(db, "SELECT round(bq_corr(f, x), 12) FROM t WHERE g = 'a'") == .real(1))
        #expect(try value(db, "SELECT bq_logical_and(b) FROM t WHERE g = 'a'") == .integer(0))
        #expect(try value(db, "SELECT bq_logical_or(b) FROM t WHERE g = 'a'") == .integer(1))
        #expect(try value(db, "SELECT bq_logical_and(b) FROM t WHERE 0") == .null)
        #expect(try value(db, "SELECT bq_any_value(x) FROM t WHERE g = 'b'") == .integer(3))
    }

    @Test func aggregatesArraysWithOrderingDistinctAndLimit() throws {
        #expect(
            try value(db, "SELECT bq_array_agg(x, 'INT64', 0, 0, NULL, 'DESC', x) FROM t") == .text("[18,14,10,3,null]")
        )
        #expect(try value(db, "SELECT bq_array_agg(x, 'INT64', 0, 1, 2, 'ASC', x) FROM t") == .text("[3,10]"))
        #expect(
            try value(db, "SELECT bq_array_agg(s, 'STRING', 1, 1, NULL, 'ASC NULLS LAST', s) FROM t")
                == .text(#"["x","y","z"]"#))
        #expect(
            try value(db, "SELECT bq_array_agg(b, 'BOOL', 0, 0, NULL, '') FROM t WHERE g = 'a'")
                == .text("[true,true,false]"))
        #expect(try value(db, "SELECT bq_array_agg(x, 'INT64', 0, 0, NULL, '') FROM t WHERE 0") == .null)
        // BOOL given as JSON text (json('true')) is accepted too.
        #expect(
            try value(
                db,
                "SELECT bq_array_agg(CASE b WHEN 1 THEN json('true') ELSE json('false') END, 'BOOL', 0, 0, NULL, '') FROM t WHERE g = 'a'"
            )
                == .text("[true,true,false]"))
        #expect(try value(db, "SELECT bq_string_agg(s, ',', 0, NULL, 'DESC', s) FROM t") == .text("z,z,y,x"))
        #expect(try value(db, "SELECT bq_string_agg(s, ' & ', 1, 2, 'ASC', s) FROM t") == .text("x & y"))
    }

    @Test func computesQuantilesExactly() throws {
        // BigQuery docs, APPROX_QUANTILES(x, 2) over [1, 1, 1, 4, 5, 6, 7, 8, 9, 10] is [1, 5, 10]; over 1..10,
        // APPROX_QUANTILES(x, 100)[OFFSET(90)] is 9.
        try db.execute(
            sql: "CREATE TABLE q(v INTEGER); INSERT INTO q VALUES (1),(1),(1),(4),(5),(6),(7),(8),(9),(10),(NULL)")
        #expect(try value(db, "SELECT bq_approx_quantiles(v, 2, 'INT64') FROM q") == .text("[1,5,10]"))
        try db.execute(
            sql:
                "CREATE TABLE r(v INTEGER); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) INSERT INTO r SELECT i FROM n"
        )
        #expect(
            try value(db, "SELECT bq_array_offset(bq_approx_quantiles(v, 100, 'INT64'), 90, 'INT64') FROM r")
                == .integer(9))
        // PERCENTILE_CONT over [0, 3, NULL, 1, 2] (BigQuery docs): 0.5 -> 1.5; PERCENTILE_DISC 0.5 -> 1.
        try db.execute(sql: "CREATE TABLE p(v REAL); INSERT INTO p VALUES (0),(3),(NULL),(1),(2)")
        let frame = "OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
        #expect(try value(db, "SELECT bq_percentile_cont(v, 0.5) \(frame) FROM p LIMIT 1") == .real(1.5))
        #expect(try value(db, "SELECT bq_percentile_disc(v, 0.5) \(frame) FROM p LIMIT 1") == .real(1))
        #expect(try value(db, "SELECT bq_percentile_cont(v, 0.9) \(frame) FROM p LIMIT 1") == .real(2.7))
    }

    @Test func recoversFromAnInfinityLeavingTheFrame() throws {
        try db.execute(
            sql: "CREATE TABLE m(i INTEGER, v REAL); INSERT INTO m VALUES (1, 1e999), (2, 1), (3, 3), (4, 5)")
        let rows = try db.rows(
            sql: "SELECT bq_var_samp(v) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM m ORDER BY i")
        #expect(rows.map { $0[0] } == [.null, .text("NaN"), .real(2), .real(2)])
    }

    @Test func slidesWindowFramesWithInverse() throws {
        let rows = try db.rows(
            sql: """
                SELECT bq_sum_int64(x) OVER w, bq_array_agg(x, 'INT64', 0, 1, NULL, '') OVER w,
                       bq_logical_and(b) OVER w, bq_var_samp(f) OVER w
                FROM t WHERE g = 'a' WINDOW w AS (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
                """)
        #expect(rows.map { $0[0] } == [.integer(10), .integer(24), .integer(32)])
        #expect(rows.map { $0[1] } == [.text("[10]"), .text("[10,14]"), .text("[14,18]")])
        #expect(rows.map { $0[2] } == [.integer(1), .integer(1), .integer(0)])
        #expect(rows.map { $0[3] } == [.null, .real(8), .real(8)])
    }
}
