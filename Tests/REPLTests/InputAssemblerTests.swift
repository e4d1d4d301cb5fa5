import Testing

@testable import REPL

/// Statement splitting: `;` outside strings and comments ends a statement; dot-commands between statements.
@Suite struct InputAssemblerTests {
    private func feed(_ text: String) -> [InputAssembler.Item] {
        var assembler = InputAssembler()
        var items: [InputAssembler.Item] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            items += assembler.feed(line: String(line))
        }
        return items + assembler.finish()
    }

    @Test func splitsOnSemicolonsOutsideStringsAndComments() {
        let items = feed("SELECT 'a;b' AS x; SELECT \"c;\" -- d;\n  , 2 /* e; */;\nSELECT 3")
        #expect(
            items == [
                .statement("SELECT 'a;b' AS x", line: 1), .statement("SELECT \"c;\" -- d;\n  , 2 /* e; */", line: 1),
                .statement("SELECT 3", line: 3),
            ])
    }

    @Test func numbersStatementsByTheLineTheyStartOn() {
        let items = feed("-- header\n\nSELECT 1;\n\n  SELECT\n  2;\nSELECT 3; SELECT\n4;")
        #expect(
            items == [
                .statement("-- header\n\nSELECT 1", line: 3), .statement("SELECT\n  2", line: 5),
                .statement("SELECT 3", line: 7), .statement("SELECT\n4", line: 7),
            ])
    }

    @Test func dotCommandsRunAtTheEndOfTheirLineBetweenStatements() {
        let items = feed(".mode csv\nSELECT 1\n.not a command;\n.timer on")
        #expect(
            items == [
                .dotCommand(".mode csv", line: 1), .statement("SELECT 1\n.not a command", line: 2),
                .dotCommand(".timer on", line: 4),
            ])
    }

    @Test func dryrunSQLRunsOnSemicolonOrBlankLine() {
        #expect(feed(".dryrun SELECT 1\nFROM t;") == [.dotCommand(".dryrun SELECT 1\nFROM t", line: 1)])
        #expect(
            feed(".translate SELECT 1\nFROM t\n\nSELECT 2;") == [
                .dotCommand(".translate SELECT 1\nFROM t", line: 1), .statement("SELECT 2", line: 4),
            ])
    }

    @Test func aCommentOnlyTailIsNoStatement() {
        #expect(feed("SELECT 1; -- done\n/* end */") == [.statement("SELECT 1", line: 1)])
    }

    @Test func clearingForgetsTheUnfinishedStatement() {
        var assembler = InputAssembler()
        #expect(assembler.feed(line: "SELECT 1,").isEmpty)
        #expect(assembler.isPending)
        assembler.clear()
        #expect(!assembler.isPending)
        #expect(assembler.feed(line: "SELECT 2;") == [.statement("SELECT 2", line: 2)])
    }
}
