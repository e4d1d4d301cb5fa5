import BigQueryRuntime
import Testing

private func date(_ text: String) throws -> CivilDate { try CivilDate.parse(canonical: text) }

@Suite struct DateMathTests {
    @Test func convertsTheWholeRangeToDayNumbers() throws {
        // zetasql/compliance/testdata/date.test [name=date_boundaries_1] and [name=unix_date_1].
        #expect(try date("0001-01-01").days == -719_162)
        #expect(try date("9999-12-31").days == 2_932_896)
        #expect(try date("2014-01-01").days == 16071)
        #expect(try date("1969-01-01").days == -365)
        #expect(try CivilDate(days: 2_932_896).canonical == "9999-12-31")
        #expect(throws: BigQueryError.self) { try CivilDate(days: 2_932_897) }
    }

    @Test func rejectsNonCanonicalText() {
        for text in ["2018-6-21", "2018-06-31", "2018-02-29", "0000-01-01", "2018-06-21 ", "2018/06/21", ""] {
            #expect(throws: BigQueryError.self, "\(text)") { try CivilDate.parse(canonical: text) }
        }
    }

    @Test func numbersDaysOfTheWeekFromSundayAsOne() throws {
        // BigQuery docs, EXTRACT: "DAYOFWEEK: Returns values in the range [1,7] with Sunday as the first day".
        #expect(try DateMath.extract(.dayOfWeek, date("2018-06-17")) == 1)  // a Sunday
        #expect(try DateMath.extract(.dayOfWeek, date("2018-06-21")) == 5)  // a Thursday
        #expect(try DateMath.extract(.dayOfWeek, date("2018-06-23")) == 7)  // a Saturday
    }

    @Test func truncatesWeeksToSundayAndIsoWeeksToMonday() throws {
        #expect(try DateMath.trunc(date("2018-06-21"), .week(0)).canonical == "2018-06-17")
        #expect(try DateMath.trunc(date("2018-06-17"), .week(0)).canonical == "2018-06-17")
        #expect(try DateMath.trunc(date("2018-06-21"), .isoWeek).canonical == "2018-06-18")
        #expect(try DateMath.trunc(date("2018-06-17"), .isoWeek).canonical == "2018-06-11")
        #expect(try DateMath.trunc(date("2018-06-21"), DatePart("WEEK(MONDAY)")).canonical == "2018-06-18")
        // BigQuery docs, DATE_TRUNC: ISOYEAR of 2015-06-15 truncates to 2014-12-29.
        #expect(try DateMath.trunc(date("2015-06-15"), .isoYear).canonical == "2014-12-29")
        #expect(try DateMath.trunc(date("2018-08-15"), .quarter).canonical == "2018-07-01")
        #expect(throws: BigQueryError.self) { try DateMath.trunc(date("0001-01-01"), .week(0)) }
    }

    @Test func extractsWeeksAndIsoWeeks() throws {
        // BigQuery docs, EXTRACT example: 2015-12-31 is ISOYEAR 2015, ISOWEEK 53, WEEK 52; 2016-01-01 is ISOYEAR
        // 2015, ISOWEEK 53, WEEK 0; 2017-01-02 is ISOWEEK 1, WEEK 1.
        #expect(try DateMath.extract(.isoYear, date("2016-01-01")) == 2015)
        #expect(try DateMath.extract(.isoWeek, date("2016-01-01")) == 53)
        #expect(try DateMath.extract(.week(0), date("2016-01-01")) == 0)
        #expect(try DateMath.extract(.week(0), date("2015-12-31")) == 52)
        #expect(try DateMath.extract(.isoWeek, date("2017-01-02")) == 1)
        #expect(try DateMath.extract(.week(0), date("2017-01-02")) == 1)
        // BigQuery docs: WEEK(MONDAY) of 2017-11-05 (a Sunday) is 44, WEEK(SUNDAY) 45.
        #expect(try DateMath.extract(.week(1), date("2017-11-05")) == 44)
        #expect(try DateMath.extract(.week(0), date("2017-11-05")) == 45)
    }

    @Test func countsWeekBoundariesInDateDiff() throws {
        // zetasql/compliance/testdata/date.test [name=date_diff_with_week].
        #expect(try DateMath.diff(date("2000-01-01"), date("2001-01-01"), .week(0)) == -53)
        #expect(try DateMath.diff(date("2012-12-31"), date("2013-01-01"), .week(0)) == 0)
        #expect(try DateMath.diff(date("2017-05-17"), date("2017-05-25"), .week(0)) == -1)
        #expect(try DateMath.diff(date("2017-05-22"), date("2017-05-19"), .week(0)) == 1)
        // BigQuery docs, DATE_DIFF examples: 2017-10-15 (a Sunday) vs 2017-10-14 is 1 DAY and 1 WEEK;
        // 2017-12-18 (a Monday) vs 2017-12-17 is 0 WEEK, 1 WEEK(MONDAY), 1 ISOWEEK.
        #expect(try DateMath.diff(date("2017-10-15"), date("2017-10-14"), .week(0)) == 1)
        #expect(try DateMath.diff(date("2017-12-18"), date("2017-12-17"), .week(0)) == 0)
        #expect(try DateMath.diff(date("2017-12-18"), date("2017-12-17"), .week(1)) == 1)
        #expect(try DateMath.diff(date("2017-12-18"), date("2017-12-17"), .isoWeek) == 1)
        #expect(try DateMath.diff(date("2010-07-07"), date("2008-12-25"), .day) == 559)
        #expect(try DateMath.diff(date("2010-07-07"), date("2008-12-25"), .month) == 19)
    }

    @Test func addsMonthsClampingToTheLastDay() throws {
        // BigQuery docs, DATE_ADD: "2008-12-25" + 5 DAY = 2008-12-30; MONTH adds clamp (2016-01-31 + 1 MONTH).
        #expect(try DateMath.add(date("2008-12-25"), 5, .day).canonical == "2008-12-30")
        #expect(try DateMath.add(date("2016-01-31"), 1, .month).canonical == "2016-02-29")
        #expect(try DateMath.add(date("2016-02-29"), 1, .year).canonical == "2017-02-28")
        #expect(try DateMath.add(date("2016-02-29"), -1, .quarter).canonical == "2015-11-29")
        #expect(throws: BigQueryError.self) { try DateMath.add(date("9999-12-31"), 1, .day) }
        #expect(throws: BigQueryError.self) { try DateMath.add(date("2018-01-01"), Int64.max, .year) }
        #expect(throws: BigQueryError.self) { try DateMath.add(date("2018-01-01"), 1, .hour) }
    }

    @Test func findsLastDays() throws {
        #expect(try DateMath.lastDay(date("2008-11-25"), .month).canonical == "2008-11-30")
        #expect(try DateMath.lastDay(date("2008-11-25"), .year).canonical == "2008-12-31")
        #expect(try DateMath.lastDay(date("2008-11-10"), .week(0)).canonical == "2008-11-15")
        #expect(try DateMath.lastDay(date("2008-11-10"), .isoWeek).canonical == "2008-11-16")
        #expect(try DateMath.lastDay(date("2024-02-10"), .month).canonical == "2024-02-29")
    }
}
