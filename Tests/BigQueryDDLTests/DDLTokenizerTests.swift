import BigQueryDDL
import Testing

/// Comments, quoting and escapes, seen through the parser.
@Suite struct DDLTokenizerTests {
    /// The description of column `a` in `CREATE TABLE t (a STRING OPTIONS(description = <literal>))`.
    func description(of literal: String) throws -> String? {
        let table = try parseCreate("CREATE TABLE t (a STRING OPTIONS(description = \(literal)))")
        return table.columns.first?.description
    }

    static let literals: [(String, String)] = [
        ("'plain'", "plain"),
        ("\"double\"", "double"),
        (#"'it\'s'"#, "it's"),
        (#""say \"hi\"""#, "say \"hi\""),
        (#"'\n\t\r\\\?\`'"#, "\n\t\r\\?`"),
        (#"'\a\b\f\v'"#, "\u{07}\u{08}\u{0C}\u{0B}"),
        (#"'\x41\101\u00e9\U0001F600'"#, "AAé😀"),
        ("'''it's \"fine\"'''", "it's \"fine\""),
        ("\"\"\"two\nlines 'and' \"quotes\" here\"\"\"", "two\nlines 'and' \"quotes\" here"),
        ("''", ""),
        ("''''''", ""),
        ("'-- not # a /* comment */'", "-- not # a /* comment */"),
        ("'naïve café'", "naïve café"),
    ]

    @Test(arguments: literals)
    func unescapesEveryKindOfStringLiteral(literal: String, value: String) throws {
        #expect(try description(of: literal) == value)
    }

    @Test func skipsAllThreeKindsOfComment() throws {
        let commented = try parseOne(
            """
            -- leading line comment
            # hash comment
            CREATE /* inline */ TABLE t ( -- after a token
              a INT64--touching
              , /* spanning
                   several lines */ b STRING # trailing
            ) /**/;
            """)
        #expect(commented == (try parseOne("CREATE TABLE t (a INT64, b STRING)")))
    }

    @Test func unescapesBacktickedIdentifiers() throws {
        let table = try parseCreate(#"CREATE TABLE `d`.`t\`x` (`a\x62` INT64)"#)
        #expect(table.reference.table == "t`x")
        #expect(table.columns.first?.name == "ab")
    }

    /// Lexical errors with the position (line, column) each must report.
    static let lexicalErrors: [(String, String, Int, Int)] = [
        ("CREATE TABLE t (a STRING OPTIONS(description = 'open))", "unterminated string literal", 1, 48),
        ("CREATE TABLE t (a STRING OPTIONS(description = '''open))", "unterminated string literal", 1, 48),
        (
            "CREATE TABLE t (a STRING OPTIONS(description = 'line\nbreak'))", "not closed before the end of the line",
            1, 48
        ),
        ("CREATE TABLE t (a STRING OPTIONS(description = 'bad \\q'))", "illegal escape sequence '\\q'", 1, 53),
        ("CREATE TABLE t (a STRING OPTIONS(description = '\\x4'))", "escape sequence needs 2 digits", 1, 49),
        ("CREATE TABLE t (a STRING OPTIONS(description = '\\uD800'))", "is not a Unicode code point", 1, 49),
        ("CREATE TABLE t (`open INT64)", "unterminated quoted identifier", 1, 17),
        ("CREATE TABLE t (`` INT64)", "a quoted identifier cannot be empty", 1, 17),
        ("CREATE TABLE t (a INT64) /* never closed", "unterminated /* comment", 1, 26),
        ("CREATE TABLE t (a INT64) $", "unexpected character '$'", 1, 26),
        ("CREATE TABLE t (\n  café STRING)", "unexpected character 'é'", 2, 6),
    ]

    @Test(arguments: lexicalErrors)
    func reportsLexicalErrorsAtTheirPosition(sql: String, detail: String, line: Int, column: Int) throws {
        let error = try #require(parseError(sql))
        #expect(error.code == .syntax)
        #expect(error.message.contains(detail))
        #expect(error.line == line)
        #expect(error.column == column)
    }

    @Test func countsColumnsInUnicodeScalarsAfterNonASCIIText() throws {
        let error = try #require(parseError("CREATE TABLE t (a STRING OPTIONS(description = 'é😀') b)"))
        #expect(error.code == .syntax)
        #expect((error.line, error.column) == (1, 54))
    }

    @Test func countsLinesInsideTripleQuotedStringsAndBlockComments() throws {
        let error = try #require(
            parseError(
                """
                /* one
                   two */ CREATE TABLE t (a STRING OPTIONS(description = '''x
                y
                z''') b)
                """))
        #expect((error.line, error.column) == (4, 7))
    }
}
