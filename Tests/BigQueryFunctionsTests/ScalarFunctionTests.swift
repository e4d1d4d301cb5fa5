import BigQueryFunctions
import SQLite
import Testing

/// A connection with the pack registered.
func packConnection() throws -> Database {
    let db = try Database(path: ":memory:")
    try BigQueryFunctions.register(on: db)
    return db
}

/// The single value of `sql`.
func value(_ db: Database, _ sql: String) throws -> SQLiteValue? { try db.scalar(sql: sql) }

/// The message of the error `sql` raises, or nil.
func failure(_ db: Database, _ sql: String) -> String? {
    do {
        _ = try db.rows(sql: sql)
        return nil
    } catch {
        return error.message
    }
}

@Suite struct ScalarFunctionTests {
    @Test func truncatesWeeksAndNumbersDaysThroughSQLite() throws {
        let db = try packConnection()
        #expect(try value(db, "SELECT bq_date_trunc('2018-06-21', 'WEEK')") == .text("2018-06-17"))
        #expect(try value(db, "SELECT bq_date_trunc('2018-06-21', 'ISOWEEK')") == .text("2018-06-18"))
        #expect(try value(db, "SELECT bq_date_trunc('2018-06-21', 'week(monday)')") == .text("2018-06-18"))
        #expect(try value(db, "SELECT bq_extract_date('DAYOFWEEK', '2018-06-17')") == .integer(1))
        #expect(try value(db, "SELECT bq_date_add('2016-01-31', 1, 'MONTH')") == .text("2016-02-29"))
        #expect(try value(db, "SELECT bq_date_diff('2017-12-18', '2017-12-17', 'ISOWEEK')") == .integer(1))
        #expect(try value(db, "SELECT bq_last_day('2008-11-25')") == .text("2008-11-30"))
        #expect(try value(db, "SELECT bq_date_trunc(NULL, 'WEEK')") == .null)
        #expect(failure(db, "SELECT bq_date_trunc('2018-6-21', 'WEEK')") == "Invalid DATE value: '2018-6-21'")
        #expect(failure(db, "SELECT bq_date_trunc('2018-06-21', 'FORTNIGHT')")?.contains("FORTNIGHT") == true)
    }

    @Test func countsSettlementPeriodsAcrossLondonClockChanges() throws {
        let db = try packConnection()
        func periods(_ day: String, _ next: String) throws -> SQLiteValue? {
            try value(
                db,
                "SELECT bq_timestamp_diff(bq_timestamp_from_date('\(next)', 'Europe/London'), "
                    + "bq_timestamp_from_date('\(day)', 'Europe/London'), 'MINUTE') / 30")
        }
        #expect(try periods("2018-03-25", "2018-03-26") == .integer(46))
        #expect(try periods("2018-10-28", "2018-10-29") == .integer(50))
        #expect(try periods("2018-06-21", "2018-06-22") == .integer(48))
        // TIMESTAMP_DIFF's DAY is 24 hours: the 23-hour local day is 0 days.
        #expect(
            try value(
                db,
                "SELECT bq_timestamp_diff(bq_timestamp_from_date('2018-03-26', 'Europe/London'), "
                    + "bq_timestamp_from_date('2018-03-25', 'Europe/London'), 'DAY')") == .integer(0))
        #expect(
            try value(db, "SELECT bq_timestamp_trunc('2018-06-21 12:34:56', 'DAY', 'Europe/London')")
                == .text("2018-06-20 23:00:00"))
        #expect(
            try value(db, "SELECT bq_date_from_timestamp('2018-10-27 23:30:00', 'Europe/London')")
                == .text("2018-10-28"))
        #expect(
            try value(db, "SELECT bq_format_timestamp('%H:%M %Z', '2018-10-28 01:30:00', 'Europe/London')")
                == .text("01:30 GMT"))
        #expect(
            failure(db, "SELECT bq_timestamp_trunc('2018-06-21 12:34:56', 'DAY', 'Mars/Olympus')")
                == "Invalid time zone: Mars/Olympus")
    }

    @Test func raisesBigQueryErrorsForOverflowAndDivisionByZero() throws {
        let db = try packConnection()
        #expect(failure(db, "SELECT bq_add_int64(9223372036854775807, 1)") == "int64 overflow: 9223372036854775807 + 1")
        #expect(failure(db, "SELECT bq_divide(1, 0)") == "division by zero: 1 / 0")
        #expect(failure(db, "SELECT bq_div(1, 0)") == "division by zero: 1 / 0")
        #expect(try value(db, "SELECT bq_safe_divide(1, 0)") == .null)
        #expect(try value(db, "SELECT bq_safe_add(9223372036854775807, 1)") == .null)
        #expect(try value(db, "SELECT bq_divide(5, 2)") == .real(2.5))
        #expect(try value(db, "SELECT bq_ieee_divide(0, 0)") == .text("NaN"))
        #expect(try value(db, "SELECT bq_round(2.5)") == .real(3))
        #expect(try value(db, "SELECT bq_round(-2.5)") == .real(-3))
        #expect(try value(db, "SELECT bq_round(1.235, 2)") == .real(1.24))
        #expect(try value(db, "SELECT bq_mod(-25, 12)") == .integer(-1))
        #expect(failure(db, "SELECT bq_sqrt(-1)") != nil)
        #expect(failure(db, "SELECT CASE WHEN 1 THEN 0 ELSE bq_error('never') END") == nil)
        #expect(
            failure(db, "SELECT bq_error('Scalar subquery produced more than one element')")
                == "Scalar subquery produced more than one element")
        #expect(try value(db, "SELECT bq_abs(-3)") == .integer(3))
        #expect(failure(db, "SELECT bq_abs(-9223372036854775808)") != nil)
    }

    @Test func runsStringRegexAndConversionFunctions() throws {
        let db = try packConnection()
        #expect(try value(db, "SELECT bq_substr('apple', -2)") == .text("le"))
        #expect(try value(db, "SELECT bq_split('b,c,d')") == .text(#"["b","c","d"]"#))
        #expect(try value(db, "SELECT bq_regexp_extract('foo@example.com', '^[a-z]+')") == .text("foo"))
        #expect(try value(db, "SELECT bq_regexp_contains('a1', '\\d')") == .integer(1))
        #expect(failure(db, "SELECT bq_regexp_contains('aa', '(a)\\1')")?.contains("backreference") == true)
        #expect(try value(db, "SELECT bq_cast('0123', 'STRING', 'INT64')") == .integer(123))
        #expect(try value(db, "SELECT bq_cast(1.5, 'FLOAT64', 'STRING')") == .text("1.5"))
        #expect(try value(db, "SELECT bq_safe_cast('x', 'STRING', 'DATE')") == .null)
        #expect(failure(db, "SELECT bq_cast('x', 'STRING', 'DATE')") == "Invalid date: 'x'")
        #expect(try value(db, "SELECT bq_format('%d-%s', 'INT64', 7, 'STRING', 'x')") == .text("7-x"))
        #expect(try value(db, "SELECT bq_format_date('%b %Y', '2008-12-25')") == .text("Dec 2008"))
        #expect(try value(db, "SELECT bq_parse_date('%Y%m%d', '20081225')") == .text("2008-12-25"))
        #expect(try value(db, "SELECT bq_array('DATE', '2018-01-01', NULL)") == .text(#"["2018-01-01",null]"#))
        #expect(try value(db, "SELECT bq_array_offset(bq_array('BOOL', 1, 0), 1, 'BOOL')") == .integer(0))
        #expect(failure(db, "SELECT bq_array_offset('[1]', 1, 'INT64')") == "Array index 1 is out of bounds")
        #expect(try value(db, "SELECT bq_array_safe_offset('[1]', 1, 'INT64')") == .null)
        let unnested = try db.rows(
            sql:
                "SELECT bq_array_element(value, 'FLOAT64') FROM json_each(bq_array('FLOAT64', 1.5, bq_ieee_divide(1, 0), "
                + "bq_ieee_divide(0, 0), 2))")
        #expect(unnested.map { $0[0] } == [.real(1.5), .real(.infinity), .text("NaN"), .real(2)])
        #expect(
            try value(db, "SELECT bq_array_element(value, 'BYTES') FROM json_each(bq_array('BYTES', x'00ff'))")
                == .blob([0, 255]))
        #expect(
            try value(db, "SELECT bq_generate_date_array('2018-01-30', '2018-04-01', 1, 'MONTH')")
                == .text(#"["2018-01-30","2018-02-28","2018-03-30"]"#))
        #expect(try value(db, "SELECT bq_generate_array(1, 10, 4)") == .text("[1,5,9]"))
        #expect(try value(db, "SELECT bq_array_to_string('[\"a\",null,\"b\"]', '-', 'N')") == .text("a-N-b"))
        #expect(try value(db, "SELECT bq_interval(3, 'DAY')") == .text("0-0 3 0:0:0"))
        #expect(try value(db, "SELECT bq_numeric_add('0.1', '0.2')") == .text("0.3"))
        #expect(try value(db, "SELECT bq_numeric_compare('10', '9')") == .integer(1))
    }

    @Test func marksDeterministicFunctionsSoSQLiteCanIndexThem() throws {
        let db = try packConnection()
        try db.execute(sql: "CREATE TABLE t(d TEXT)")
        // SQLite accepts only deterministic functions in an index expression.
        try db.execute(sql: "CREATE INDEX t_week ON t(bq_date_trunc(d, 'WEEK'))")
        #expect(failure(db, "CREATE INDEX t_now ON t(bq_current_date())") != nil)
    }
}
