import BigQueryRuntime
import Testing

@Suite struct StringAndRegexTests {
    @Test func substrCountsCodePointsFromEitherEnd() throws {
        // BigQuery docs, SUBSTR examples.
        #expect(try StringFunctions.substr("apple", 2) == "pple")
        #expect(try StringFunctions.substr("apple", 2, 2) == "pp")
        #expect(try StringFunctions.substr("apple", -2) == "le")
        #expect(try StringFunctions.substr("apple", 1, 123) == "apple")
        #expect(try StringFunctions.substr("apple", 123) == "")
        #expect(try StringFunctions.substr("apple", 0, 2) == "ap")
        #expect(try StringFunctions.substr("apple", -123, 2) == "ap")
        #expect(try StringFunctions.substr("héllo", 2, 2) == "él")
        #expect(throws: BigQueryError.self) { try StringFunctions.substr("apple", 1, -1) }
    }

    @Test func findsSplitsTrimsAndPads() throws {
        #expect(StringFunctions.length("абвгд") == 5)
        #expect(StringFunctions.strpos("foo@example.com", "@") == 4)
        #expect(StringFunctions.strpos("été", "t") == 2)
        #expect(StringFunctions.strpos("abc", "z") == 0)
        #expect(StringFunctions.split("b,c,d") == ["b", "c", "d"])
        #expect(StringFunctions.split("") == [""])
        #expect(StringFunctions.split("ab", "") == ["a", "b"])
        #expect(StringFunctions.split("a--b", "--") == ["a", "b"])
        #expect(StringFunctions.trim("***apple***", "*") == "apple")
        #expect(StringFunctions.trim("  apple  ") == "apple")
        #expect(StringFunctions.trim("xxapplexx", "x", trailing: false) == "applexx")
        #expect(try StringFunctions.pad("c", 5, "ab", left: true) == "ababc")
        #expect(try StringFunctions.pad("abc", 2, left: true) == "ab")
        #expect(try StringFunctions.pad("b", 5, "ab", left: false) == "babab")
        #expect(throws: BigQueryError.self) { try StringFunctions.pad("a", -1, left: true) }
        #expect(StringFunctions.replace("desert pie", "pie", "cobbler") == "desert cobbler")
        #expect(StringFunctions.replace("abc", "", "x") == "abc")
    }

    @Test func matchesRE2Semantics() throws {
        // BigQuery docs, REGEXP_CONTAINS / EXTRACT / EXTRACT_ALL / REPLACE examples.
        #expect(try BigQueryRegex("@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+").contains("foo@example.com"))
        #expect(try BigQueryRegex("^[a-zA-Z0-9_.+-]+").extract("foo@example.com") == "foo")
        #expect(try BigQueryRegex("`(.+?)`").extractAll("Try `func(x)` or `func(y)`") == ["func(x)", "func(y)"])
        #expect(
            try BigQueryRegex("^# ([a-zA-Z0-9\\s]+$)").replace("# Heading", with: "<h1>\\1</h1>") == "<h1>Heading</h1>")
        // RE2 classes are ASCII; `.` stops at \n unless (?s).
        #expect(try !BigQueryRegex("\\d").contains("٣"))
        #expect(try !BigQueryRegex("a.b").contains("a\nb"))
        #expect(try BigQueryRegex("(?s)a.b").contains("a\nb"))
        // RE2's global replace skips an empty match right after the previous match.
        #expect(try BigQueryRegex("b*").replace("abc", with: "x") == "xaxcx")
        #expect(try BigQueryRegex("a(b)?").extract("a") == nil)
        #expect(try BigQueryRegex("a+").extract("baaa caa", position: 1, occurrence: 2) == "aa")
    }

    @Test func rejectsConstructsRE2DoesNotHave() {
        for pattern in ["(a)\\1", "a(?=b)", "(?<!a)b", "a*+", "(?>a)", "\\C", "a\\Z"] {
            #expect(throws: BigQueryError.self, "\(pattern)") { try BigQueryRegex(pattern) }
        }
        #expect(throws: BigQueryError.self) { try BigQueryRegex("(a)(b)").extract("ab") }
        #expect(throws: BigQueryError.self) { try BigQueryRegex("a").replace("a", with: "\\q") }
    }
}
