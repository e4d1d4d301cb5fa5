import Foundation
import TestSupport
import Testing

/// The interactive shell in a real pseudo-terminal: typing, Tab, Ctrl-C, history, dot-commands, width.
@Suite(.serialized) struct InteractiveShellTests {
    let directory = TemporaryDirectory()

    private func shell(columns: UInt16 = 80) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            ["query", "--store", YearStore.path], environment: ["XDG_STATE_HOME": directory.file("state")],
            columns: columns)
        try terminal.wait(for: "bmrs> ")
        return terminal
    }

    @Test func aMultiLineQueryRunsWhenItEndsWithASemicolon() throws {
        let terminal = try shell()
        terminal.type("SELECT settlementDate AS day,\r")
        try terminal.wait(for: "   -> ")
        terminal.type("  count(*) AS n FROM bmrs_fuelhh\r")
        try terminal.wait(for: "   -> ")
        terminal.type("WHERE settlementDate = '2018-06-21' GROUP BY 1;\r")
        let output = try terminal.wait(for: "bmrs> ")
        #expect(output.contains("│ 2018-06-21 │   720 │"), "\(output)")
        #expect(output.contains("1 row"))
        // libedit prints the prompt before it puts the terminal in raw mode; a Ctrl-D typed earlier is the
        // terminal's own end-of-file, not the editor's.
        try terminal.waitForMode(canonical: false)
        terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func aPastedScriptRunsEachStatementInOrder() throws {
        let terminal = try shell()
        terminal.type("SELECT 'first' AS step; SELECT 'second' AS step;\r.mode csv\rSELECT 'third' AS step;\r")
        let output = try terminal.wait(for: "step\nthird\n")
        let first = try #require(output.range(of: "│ first  │"))
        let second = try #require(output.range(of: "│ second │"))
        #expect(first.lowerBound < second.lowerBound)
    }

    @Test func tabCompletesAColumnOfTheTable() throws {
        let terminal = try shell()
        terminal.type("SELECT max(genera\t")
        try terminal.wait(for: "generation")
        terminal.type(") AS top FROM bmrs_fuelhh WHERE settlementDate = '2018-01-01';\r")
        let output = try terminal.wait(for: "bmrs> ")
        #expect(output.contains("top"), "\(output)")
        #expect(output.contains("1 row"), "\(output)")
        terminal.type(".sch\t")
        try terminal.wait(for: ".schema")
        terminal.type(" bmrs_fuelh\t")
        try terminal.wait(for: "bmrs_fuelhh")
        terminal.type("\r")
        try terminal.wait(for: "CLUSTER BY fuelType")
    }

    @Test func ctrlCCancelsALongQueryAndTheNextOneRuns() throws {
        let terminal = try shell()
        // The line editor reads in raw mode; the statement runs once the terminal is back in canonical mode.
        try terminal.waitForMode(canonical: false)
        terminal.type("SELECT count(*) FROM bmrs_fuelhh a, bmrs_fuelhh b;\r")
        try terminal.wait(for: "bmrs_fuelhh b;\n")
        try terminal.waitForMode(canonical: true)
        terminal.type("\u{03}")
        let cancelled = try terminal.wait(for: "bmrs> ")
        #expect(cancelled.contains("interrupted"), "\(cancelled)")
        terminal.type("SELECT 6 * 7 AS answer;\r")
        #expect(try terminal.wait(for: "bmrs> ").contains("42"))
        // Ctrl-C while typing clears the input and never exits.
        try terminal.waitForMode(canonical: false)
        terminal.type("SELECT 'forgotten'")
        try terminal.wait(for: "forgotten")
        terminal.type("\u{03}")
        try terminal.wait(for: "bmrs> ")
        terminal.type("SELECT 'kept' AS word;\r")
        let next = try terminal.wait(for: "bmrs> ")
        #expect(next.contains("kept") && !next.contains("error"), "\(next)")
    }

    @Test func historyIsThereAfterARestartAndCtrlRFindsIt() throws {
        let first = try shell()
        first.type("SELECT 'remembered' AS word;\r")
        try first.wait(for: "bmrs> ")
        try first.waitForMode(canonical: false)
        first.type("\u{04}")
        #expect(try first.waitForExit() == 0)
        let historyFile = directory.file("state/bmrs/history")
        let attributes = try FileManager.default.attributesOfItem(atPath: historyFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let second = try shell()
        second.type("\u{1B}[A")
        try second.wait(for: "SELECT 'remembered' AS word;")
        second.type("\r")
        #expect(try second.wait(for: "bmrs> ").contains("│ remembered │"))
        second.type("SELECT 'other';\r")
        try second.wait(for: "bmrs> ")
        // Typed while the terminal is still canonical, ^R is the line discipline's REPRINT, never libedit's search.
        try second.waitForMode(canonical: false)
        second.type("\u{12}")
        try second.wait(for: "bck:")
        second.type("rememb")
        try second.wait(for: "remembered")
        second.type("\r")
        #expect(try second.wait(for: "bmrs> ").contains("│ remembered │"))
    }

    @Test func dotCommandsWorkInTheTerminal() throws {
        let terminal = try shell()
        let script = try directory.write("two.sql", "SELECT 'from file' AS source;\nSELECT 2 AS second;\n")
        let once = directory.file("once.csv")
        for (input, expected) in [
            (".mode csv", "bmrs> "), ("SELECT 1 AS a, 'x' AS b;", "a,b\n1,x\n"),
            (".once \(once)", "bmrs> "), ("SELECT 3 AS c;", "bmrs> "),
            (".read \(script)", "second\n2\n"),
            (".timer on", "bmrs> "), ("SELECT 4 AS d;", "Run time: "),
            (".parameter set day DATE 2018-01-01", "bmrs> "),
            ("SELECT count(*) AS n FROM bmrs_fuelhh WHERE settlementDate = @day;", "partition read"),
            (".parameter list", "@day DATE '2018-01-01'"),
            (".cost", "Cost before every statement: on"),
            ("SELECT count(*) AS n FROM bmrs_fuelhh WHERE settlementDate = @day;", "n\n720\n"),
            (".cost", "Cost before every statement: off"),
            (".dryrun SELECT fuelType FROM bmrs_fuelhh;", "Query successfully validated"),
            (".translate SELECT 5 / 2 AS half;", "bmrs> "),
            (".mdoe table", "did you mean .mode?"),
        ] {
            terminal.type(input + "\r")
            let output = try terminal.wait(for: expected)
            if input.hasPrefix("SELECT count") { #expect(output.contains("n\n720\n"), "\(output)") }
        }
        #expect(try String(contentsOfFile: once, encoding: .utf8) == "c\n3\n")
    }

    @Test func aFortyColumnResultFitsEightyColumns() throws {
        let terminal = try shell()
        let columns = (1...40).map { "\($0 * 1000) AS column_\($0)" }.joined(separator: ", ")
        terminal.type("SELECT \(columns);\r")
        let output = try terminal.wait(for: "shown)\nbmrs> ")
        let table = output.split(separator: "\n").drop { !$0.hasPrefix("┌") }
        #expect(table.count >= 7, "\(output)")
        for line in table { #expect(line.count <= 80, "\(line.count): \(line)") }
        #expect(output.contains("1 row × 40 columns ("), "\(output)")
        #expect(output.contains("column_1 ") && output.contains("column_40"), "\(output)")
    }
}
