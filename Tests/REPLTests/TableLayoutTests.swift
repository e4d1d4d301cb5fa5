import Testing

@testable import REPL

/// The table format: alignment, NULL, elided rows and columns, footers. Pure, no terminal.
@Suite struct TableLayoutTests {
    private let columns = [ResultColumn(name: "fuel", type: "STRING"), ResultColumn(name: "mw", type: "INT64")]

    @Test func numbersAlignRightTextLeftAndNullIsShown() {
        let text = TableLayout(
            columns: columns,
            head: [[.text("WIND"), .integer(12)], [.null, .integer(3456)], [.text("CCGT"), .null]],
            tail: [], totalRows: 3, width: 80, colour: false
        ).render()
        #expect(
            text == """
                ┌────────┬───────┐
                │ fuel   │    mw │
                │ STRING │ INT64 │
                ├────────┼───────┤
                │ WIND   │    12 │
                │ NULL   │  3456 │
                │ CCGT   │  NULL │
                └────────┴───────┘
                3 rows

                """, "\(text)")
        #expect(text.contains("│ WIND   │    12 │"), "\(text)")
        #expect(text.contains("│ NULL   │  3456 │"), "\(text)")
        #expect(text.contains("│ CCGT   │  NULL │"), "\(text)")
        #expect(text.hasSuffix("3 rows\n"))
    }

    @Test func elidedRowsShowAnEllipsisAndTheTotal() {
        let text = TableLayout(
            columns: columns, head: [[.text("A"), .integer(1)]], tail: [[.text("Z"), .integer(26)]], totalRows: 26,
            width: nil, colour: false
        ).render()
        let lines = text.split(separator: "\n")
        #expect(lines.contains("│ …      │     … │"), "\(text)")
        #expect(text.hasSuffix("26 rows (2 shown)\n"))
    }

    @Test func wideResultsLeaveOutMiddleColumnsToFit() {
        let wide = (1...40).map { ResultColumn(name: "column_\($0)", type: "INT64") }
        let row = (1...40).map { QueryValue.integer(Int64($0) * 1000) }
        let text = TableLayout(columns: wide, head: [row], tail: [], totalRows: 1, width: 80, colour: false).render()
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(text.contains("column_1 ") && text.contains("column_40") && !text.contains("column_20 "))
        #expect(text.hasSuffix("1 row × 40 columns (6 shown)\n"), "\(text)")
    }

    @Test func aSingleVeryWideColumnIsCut() {
        let text = TableLayout(
            columns: [ResultColumn(name: "t", type: "STRING")], head: [[.text(String(repeating: "x", count: 300))]],
            tail: [], totalRows: 1, width: 20, colour: false
        ).render()
        for line in text.split(separator: "\n") { #expect(line.count <= 20, "\(line)") }
        #expect(text.contains("x…"))
    }

    @Test func theSuggestionIsTheNearestDotCommand() {
        #expect(DotCommand.nearest(to: ".tabels") == ".tables")
        #expect(DotCommand.nearest(to: ".mdoe") == ".mode")
        #expect(DotCommand.nearest(to: ".param") == ".parameter")
        #expect(DotCommand.nearest(to: ".zzzzzzzzzz") == nil)
        #expect(DotCommand.editDistance("kitten", "sitting") == 3)
    }

    @Test func parametersBecomeLiteralsOutsideStrings() throws {
        let parameters = [
            QueryParameter(name: "day", type: "DATE", value: .text("2018-01-01")),
            QueryParameter(name: "who", type: "STRING", value: .text("O'Brien")),
        ]
        let sql = try ParameterSubstitution.apply(parameters, to: "SELECT @day, '@day', @who -- @nope")
        #expect(sql == "SELECT '2018-01-01', '@day', 'O''Brien' -- @nope")
        #expect(throws: ShellError.self) { try ParameterSubstitution.apply(parameters, to: "SELECT @missing") }
    }
}

/// CSV fields: quoting and integers written without strings.
@Suite struct CSVFieldTests {
    @Test(arguments: [
        (QueryValue.integer(0), "0"), (.integer(-42), "-42"), (.integer(Int64.min), "-9223372036854775808"),
        (.integer(Int64.max), "9223372036854775807"), (.text("a,b"), "\"a,b\""),
        (.text("say \"hi\""), "\"say \"\"hi\"\"\""),
        (.text("plain"), "plain"), (.null, ""), (.real(2), "2.0"),
        (.text(String(repeating: "é", count: 40)), String(repeating: "é", count: 40)),
    ])
    func fieldsAreQuotedOnlyWhenNeeded(value: QueryValue, expected: String) {
        var out: [UInt8] = []
        ValueText.appendCSV(value, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }
}
