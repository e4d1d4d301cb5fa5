import Check
import Foundation
import TestSupport
import Testing

/// `bmrs check --config`: the TOML and JSON readers, their errors at file:line:column, and both formats mapping
/// onto the same `CheckConfig`.
@Suite struct ConfigFileTests {
    private func read(_ text: String, _ file: String = "c.toml") throws -> ConfigDocument {
        try ConfigDocument.read(Array(text.utf8), file: file)
    }

    private func config(_ text: String, _ file: String) throws -> CheckConfig {
        var config = CheckConfig(start: 0, end: 0)
        try config.apply(try read(text, file))
        return config
    }

    @Test func aTOMLAndAJSONConfigSetTheSameThresholds() throws {
        let toml = """
            # bmrs check thresholds\r
            missingWarningMinutes = 30
            missingCriticalMinutes = 120.5    # two hours and a half-minute
            "errorRateWarningPercent" = 1
            'errorRateCriticalPercent' = 2.5e0
            delayWarningMinutes = 1_0
            delayCriticalMinutes = +20
            storageWarningPercent = 70
            storageCriticalPercent = 85.0
            storageBudgetBytes = 0x4000_0000
            retirementDays = 45
            valueTolerancePercent = 5
            schedule = "hourly"

            """
        let json = """
            {"missingWarningMinutes": 30, "missingCriticalMinutes": 120.5, "errorRateWarningPercent": 1,
             "errorRateCriticalPercent": 2.5, "delayWarningMinutes": 10, "delayCriticalMinutes": 20,
             "storageWarningPercent": 70, "storageCriticalPercent": 85.0, "storageBudgetBytes": 1073741824,
             "retirementDays": 45, "valueTolerancePercent": 5, "schedule": "hourly"}
            """
        let fromTOML = try config(toml, "thresholds.toml")
        let fromJSON = try config(json, "thresholds.json")
        #expect(fromTOML == fromJSON)
        #expect(fromTOML != CheckConfig(start: 0, end: 0))
        #expect(fromTOML.storageBudget == 1 << 30)
        #expect(fromTOML.errorRateCritical == 0.025)
        #expect(fromTOML.schedule == .hourly)
        // Without a telling extension the content decides.
        #expect(try config(toml, "thresholds.conf") == fromTOML)
        #expect(try config(" \n" + json, "-") == fromJSON)
    }

    @Test func tablesArraysAndKeysReadTheSameFromTOMLAndJSON() throws {
        let toml = """
            title = "a \\"quoted\\" \\u00e9 \\U0001F600"
            [a.b]
            list = [1, -2.5, 'lit\\eral', true,
              [],  # empty
              [0b101, 0o17, 0xff],
            ]
            "d e".f = 'x'
            [a]
            g = false
            """
        let json = """
            {"title": "a \\"quoted\\" \\u00e9 \\ud83d\\ude00",
             "a": {"b": {"list": [1, -2.5, "lit\\\\eral", true, [], [5, 15, 255]], "d e": {"f": "x"}},
                   "g": false}}
            """
        let expected: [([String], ConfigDocument.Value)] = [
            (["title"], .string("a \"quoted\" é 😀")),
            (
                ["a", "b", "list"],
                .array([
                    .integer(1), .float(-2.5), .string("lit\\eral"), .bool(true), .array([]),
                    .array([.integer(5), .integer(15), .integer(255)]),
                ])
            ),
            (["a", "b", "d e", "f"], .string("x")),
            (["a", "g"], .bool(false)),
        ]
        let document = try read(toml)
        #expect(document.entries.map(\.path) == expected.map(\.0))
        #expect(document.entries.map(\.value) == expected.map(\.1))
        #expect(document.entries.map { [$0.line, $0.column] } == [[1, 9], [3, 8], [7, 11], [9, 5]])
        #expect(document.entries.map(\.dottedKey) == ["title", "a.b.list", "a.b.\"d e\".f", "a.g"])
        let jsonDocument = try read(json, "c.json")
        #expect(jsonDocument.entries.map(\.path) == expected.map(\.0))
        #expect(jsonDocument.entries.map(\.value) == expected.map(\.1))
    }

    /// Each malformed TOML file and the error it gets: file:line:column and the message.
    static let tomlErrors: [(String, String)] = [
        ("a = 1\na = 2", "c.toml:2:1: 'a' is defined twice (first at line 1)"),
        ("[a]\n[a]", "c.toml:2:1: table [a] is defined twice (first at line 1)"),
        ("a = 1\n[a]", "c.toml:2:1: 'a' already holds a value (line 1)"),
        ("a = 1\na.b = 2", "c.toml:2:1: 'a' already holds a value (line 1), so it cannot be a table"),
        ("[x]\na = 1\n[x.a.b]", "c.toml:3:1: 'x.a' already holds a value (line 2), so it cannot be a table"),
        ("a.b = 1\na = 2", "c.toml:2:1: 'a' is already a table (first at line 1)"),
        ("a = \"open", "c.toml:1:10: a string opened at 1:5 is not closed on its line"),
        ("a = 'open\n'", "c.toml:1:10: a string opened at 1:5 is not closed on its line"),
        ("a = \"\\q\"", "c.toml:1:7: unknown escape '\\q' in a string"),
        ("a = \"\\u12\"", "c.toml:1:10: escape at 1:6 needs 4 hexadecimal digits"),
        ("a = \"\\uD800\"", "c.toml:1:6: escape at 1:6 is not a Unicode scalar value"),
        ("a = \"tab\there\u{01}\"", "c.toml:1:14: a control character in a string must be escaped"),
        ("a = \"\"\"x\"\"\"", "c.toml:1:5: multi-line strings are not supported in a config"),
        ("a = '''x'''", "c.toml:1:5: multi-line strings are not supported in a config"),
        ("a = {b = 1}", "c.toml:1:5: inline tables ({...}) are not supported in a config; use a [table]"),
        ("[[a]]", "c.toml:1:1: arrays of tables ([[...]]) are not supported in a config"),
        ("a = 1979-05-27", "c.toml:1:5: dates and times are not supported in a config"),
        ("a = 07:32:00", "c.toml:1:5: dates and times are not supported in a config"),
        ("a = 012", "c.toml:1:5: '012' is not a valid number (no leading zeros; '_' only between digits)"),
        ("a = 1__0", "c.toml:1:5: '1__0' is not a valid number (no leading zeros; '_' only between digits)"),
        ("a = 1.", "c.toml:1:5: '1.' is not a valid number (digits must follow the '.')"),
        ("a = 1e", "c.toml:1:5: '1e' is not a valid number (the exponent needs digits)"),
        ("a = 9223372036854775808", "c.toml:1:5: the integer 9223372036854775808 does not fit in 64 bits"),
        ("a = 0x1_0000_0000_0000_0000", "c.toml:1:5: the integer 0x1_0000_0000_0000_0000 does not fit in 64 bits"),
        ("a = 0b102", "c.toml:1:5: '0b102' is not a valid base-2 integer"),
        ("a = 1e999", "c.toml:1:5: the float 1e999 is out of range"),
        ("a = yes", "c.toml:1:5: 'yes' is not a value (a string in quotes, a number, true, false or an array)"),
        ("a = ", "c.toml:1:5: expected a value, found the end of the file"),
        ("a = 1 2", "c.toml:1:7: expected the end of the line after the value of 'a', found '2'"),
        ("a 1", "c.toml:1:3: expected '=' after the key 'a', found '1'"),
        ("= 1", "c.toml:1:1: expected a key, found '='"),
        ("\"a\nb\" = 1", "c.toml:1:3: a string opened at 1:1 is not closed on its line"),
        ("[a", "c.toml:1:3: expected ']' to close the table header, found the end of the file"),
        ("[a] b", "c.toml:1:5: expected the end of the line after the table header, found 'b'"),
        ("a = [1, 2", "c.toml:1:10: the array opened at 1:5 is not closed"),
        ("a = [1 2]", "c.toml:1:8: expected ',' or ']' in the array opened at 1:5, found '2'"),
        ("a = [,]", "c.toml:1:6: expected a value, found ','"),
        ("a = " + String(repeating: "[", count: 40), "c.toml:1:37: arrays nested more than 32 deep"),
        ("# ok\n# bad \u{7F}", "c.toml:2:7: a control character in a comment"),
        ("é = 1", "c.toml:1:1: expected a key, found 'é'"),
        ("a = 1\u{1}", "c.toml:1:6: expected the end of the line after the value of 'a', found a control character"),
        ("a = 1\r", "c.toml:1:6: expected the end of the line after the value of 'a', found a carriage return"),
    ]

    @Test(arguments: tomlErrors)
    func aMalformedTOMLFileIsAnErrorAtItsLineAndColumn(text: String, expected: String) throws {
        let error = try #require(throws: CheckError.self) { try read(text) }
        #expect(error.description == expected, "\(text.debugDescription)")
    }

    /// Each malformed JSON file and the error it gets.
    static let jsonErrors: [(String, String)] = [
        ("[]", "c.json:1:1: a JSON config is one object ({...}), found '['"),
        ("", "c.json:1:1: a JSON config is one object ({...}), found the end of the file"),
        ("{\"a\": 1,\n \"a\": 2}", "c.json:2:2: duplicate key \"a\" (first at line 1)"),
        ("{\"a\": null}", "c.json:1:7: null is not a value a setting takes; leave the key out for the default"),
        ("{\"a\": [{}]}", "c.json:1:8: objects inside arrays are not supported in a config"),
        ("{\"a\": 01}", "c.json:1:7: not a valid JSON number"),
        ("{\"a\": -}", "c.json:1:7: not a valid JSON number"),
        ("{\"a\": 1.}", "c.json:1:7: not a valid JSON number"),
        ("{\"a\": 1e999}", "c.json:1:7: the number 1e999 is out of range"),
        ("{\"a\": 1,}", "c.json:1:9: expected a key in double quotes, found '}'"),
        ("{\"a\": 1} x", "c.json:1:10: expected the end of the file after the object, found 'x'"),
        ("{\"a\" 1}", "c.json:1:6: expected ':' after the key \"a\", found '1'"),
        ("{\"a\": 1 \"b\": 2}", "c.json:1:9: expected ',' or '}' in the object opened at 1:1, found '\"'"),
        ("{\"a\": [1 2]}", "c.json:1:10: expected ',' or ']' in the array opened at 1:7, found '2'"),
        ("{\"a\": tru}", "c.json:1:7: expected a value (a string, number, true, false or an array), found 't'"),
        ("{\"a\": \"\\ud800\"}", "c.json:1:8: escape at 1:8 is not a Unicode scalar value"),
        ("{\"a\": \"\\ud800\\u0041\"}", "c.json:1:20: \\u escape at 1:8 is half a surrogate pair"),
        ("{\"a\": \"\t\"}", "c.json:1:8: a control character in a string must be escaped"),
        ("{\"a\": \"x", "c.json:1:9: a string opened at 1:7 is not closed on its line"),
        ("{\"a\": 1\u{1}}", "c.json:1:8: expected ',' or '}' in the object opened at 1:1, found a control character"),
        (String(repeating: "{\"a\":", count: 40), "c.json:1:161: objects nested more than 32 deep"),
    ]

    @Test(arguments: jsonErrors)
    func aMalformedJSONFileIsAnErrorAtItsLineAndColumn(text: String, expected: String) throws {
        let error = try #require(throws: CheckError.self) { try read(text, "c.json") }
        #expect(error.description == expected, "\(text.debugDescription)")
    }

    @Test func aFileThatIsNotUTF8IsAnErrorAtTheFirstBadByte() throws {
        let bytes = Array("a = 1\nb = \"".utf8) + [0xFF] + Array("\"".utf8)
        let error = try #require(throws: CheckError.self) { try ConfigDocument.read(bytes, file: "c.toml") }
        #expect(error.description == "c.toml:2:6: the file is not UTF-8 text")
    }

    /// Well-formed files whose settings are wrong, in either format.
    static let settingErrors: [(String, String, String)] = [
        ("c.toml", "[missing]\nwarningMinutes = 15", "c.toml:2:18: unknown setting 'missing.warningMinutes'; known: "),
        ("c.json", "{\"missing\": {\"warningMinutes\": 15}}", "c.json:1:32: unknown setting 'missing.warningMinutes'"),
        ("c.toml", "schedule = 5", "c.toml:1:12: 'schedule' must be a string like \"daily\", not an integer"),
        ("c.toml", "schedule = 'fortnightly'", "c.toml:1:12: 'schedule' must be daily, hourly, weekly or like 30m"),
        ("c.toml", "retirementDays = 1.5", "c.toml:1:18: 'retirementDays' must be a whole number, not a float"),
        ("c.json", "{\"retirementDays\": 30.0}", "c.json:1:20: 'retirementDays' must be a whole number, not a float"),
        ("c.toml", "retirementDays = -1", "c.toml:1:18: 'retirementDays' must be from 0 to 36600, not -1"),
        ("c.toml", "storageBudgetBytes = 0", "c.toml:1:22: 'storageBudgetBytes' must be from 1 to "),
        (
            "c.toml", "missingWarningMinutes = '15'",
            "c.toml:1:25: 'missingWarningMinutes' must be a number, not a string"
        ),
        (
            "c.toml", "missingWarningMinutes = [15]",
            "c.toml:1:25: 'missingWarningMinutes' must be a number, not an array"
        ),
        (
            "c.toml", "missingWarningMinutes = true",
            "c.toml:1:25: 'missingWarningMinutes' must be a number, not a boolean"
        ),
        ("c.toml", "delayWarningMinutes = nan", "c.toml:1:23: 'delayWarningMinutes' must be a finite number from 0"),
        ("c.toml", "delayWarningMinutes = -inf", "c.toml:1:23: 'delayWarningMinutes' must be a finite number from 0"),
        (
            "c.json", "{\"delayWarningMinutes\": -1}",
            "c.json:1:25: 'delayWarningMinutes' must be a finite number from 0"
        ),
        (
            "c.json", "{\"delayWarningMinutes\": 1e16}",
            "c.json:1:25: 'delayWarningMinutes' must be a finite number from 0"
        ),
    ]

    @Test(arguments: settingErrors)
    func aWrongSettingIsAnErrorAtItsValue(file: String, text: String, expected: String) throws {
        let error = try #require(throws: CheckError.self) { try config(text, file) }
        #expect(error.description.hasPrefix(expected), "\(error.description)")
    }

    @Test func theCommandReadsATOMLConfigAndNamesWhereOneIsWrong() throws {
        let fixtures = CheckFixtures()
        try fixtures.load([try fixtures.autumnDay { ["3", "4"].contains($0[4]) ? nil : $0 }], dataset: "FUELHH")
        let range = ["--table", "bmrs_fuelhh", "--start", "2018-10-28", "--end", "2018-10-28"]
        #expect(try fixtures.check(range).status == 1)
        let lenient = try fixtures.directory.write(
            "lenient.toml", "# one hour of gaps is fine\nmissingWarningMinutes = 60\n")
        #expect(try fixtures.check(range + ["--config", lenient]).status == 0)
        #expect(try fixtures.check(range + ["--config", lenient, "--missing-warning", "15"]).status == 1)
        let broken = try fixtures.directory.write("broken.toml", "missingWarningMinutes = 60\nschedule = daily\n")
        let refused = try fixtures.check(range + ["--config", broken])
        #expect(refused.status == 3)
        #expect(
            refused.stderr
                == "bmrs: check: \(broken):2:12: 'daily' is not a value (a string in quotes, a number, true, false or an array)\n",
            "\(refused.stderr)")
    }
}
