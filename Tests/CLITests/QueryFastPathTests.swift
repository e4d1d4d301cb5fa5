import Testing

@testable import CLI

/// `bmrs query` reads simple command lines without the argument parser (`QueryInvocation.parse`): each line it
/// takes must mean exactly what the parser makes of it, and each line it leaves must go to the parser.
@Suite struct QueryFastPathTests {
    /// What the argument parser makes of `arguments` (after `query`, as `bmrs` normalizes them), or nil when it
    /// refuses them.
    private func parsed(_ arguments: [String]) -> QueryInvocation? {
        (try? BMRS.parseAsRoot(["query"] + CommandLineArguments.normalized(arguments)) as? Query)?.invocation
    }

    @Test(arguments: [
        ["SELECT 1"],
        [],
        ["--store", "s.sqlite", "SELECT 1"],
        ["--store=s.sqlite", "--format=csv", "SELECT 1"],
        ["SELECT 1", "--format", "json", "--store", "a b.sqlite"],
        [
            "--format", "ndjson", "--stats", "--dry-run", "--parameter", "day:DATE:2018-01-01", "--parameter=n:INT64:3",
            "SELECT @day",
        ],
        ["--sqlite", "--format", "markdown", "SELECT 1"],
        ["--file", "q.sql", "--format", "pretty"],
        ["--chart", "line day total", "SELECT 1 AS day, 2 AS total"],
        ["--store", "", "SELECT ''"],
        ["-- a comment\nSELECT 1"],
        ["--format", "csv", "-- a comment\nSELECT 1", "--stats"],
        ["--", "SELECT 1"],
        // A leaf command has no `help` word: it is the SQL, as it always was.
        ["help"],
    ])
    func takesWhatTheParserTakesAndMeansTheSame(arguments: [String]) throws {
        let normalized = CommandLineArguments.normalized(arguments)
        let fast = try #require(QueryInvocation.parse(normalized), "the fast path should take \(arguments)")
        #expect(fast == parsed(arguments))
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["--version"], ["--generate-completion-script", "bash"],
        ["--nope", "SELECT 1"], ["--format", "xml", "SELECT 1"], ["--format"], ["--store"], ["--store", "--stats"],
        ["--stats=yes"], ["--stats", "--stats"], ["--store", "a", "--store", "b"], ["SELECT 1", "SELECT 2"],
        ["--sqlite", "--dry-run", "SELECT 1"], ["--sqlite", "--parameter", "a:INT64:1", "SELECT 1"],
        ["--file", "q.sql", "SELECT 1"], ["-", "SELECT 1"], ["-x"], ["--Format", "csv"],
    ])
    func leavesEverythingElseToTheParser(arguments: [String]) {
        #expect(QueryInvocation.parse(CommandLineArguments.normalized(arguments)) == nil)
    }
}
