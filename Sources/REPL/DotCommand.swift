/// The shell's dot-commands: names, usage and help, argument splitting, and the nearest name to a typo.
struct DotCommand: Sendable {
    /// The name with its dot: `.mode`.
    let name: String
    /// The arguments it takes, as shown by `.help`.
    let usage: String
    /// What it does, one line.
    let summary: String

    /// Every dot-command, in `.help` order.
    static let all: [DotCommand] = [
        DotCommand(name: ".help", usage: "", summary: "Show this list"),
        DotCommand(name: ".tables", usage: "", summary: "List the tables"),
        DotCommand(name: ".schema", usage: "[TABLE]", summary: "Show tables as BigQuery CREATE TABLE statements"),
        DotCommand(name: ".partitions", usage: "[TABLE]", summary: "List daily partitions: tier, rows, bytes"),
        DotCommand(
            name: ".mode", usage: "table|csv|json|ndjson|markdown|line", summary: "Set how results are printed"),
        DotCommand(name: ".timer", usage: "on|off", summary: "Show time, rows, partitions read and bytes billed"),
        DotCommand(name: ".cost", usage: "", summary: "Toggle printing the dry-run bill before every statement"),
        DotCommand(name: ".dryrun", usage: "SQL", summary: "Show what SQL would bill, without running it"),
        DotCommand(name: ".translate", usage: "SQL", summary: "Show the SQLite SQL a statement runs as"),
        DotCommand(name: ".once", usage: "FILE", summary: "Write the next result to FILE"),
        DotCommand(name: ".output", usage: "FILE|stdout", summary: "Write results to FILE, or back to stdout"),
        DotCommand(name: ".read", usage: "FILE", summary: "Run the statements in FILE"),
        DotCommand(
            name: ".parameter", usage: "set NAME TYPE VALUE | list | clear [NAME]",
            summary: "Values for @NAME in statements"),
        DotCommand(name: ".maxrows", usage: "N", summary: "Show at most N rows of a table (0: all)"),
        DotCommand(
            name: ".chart", usage: "line|bar X Y [BY SERIES] [--svg FILE]",
            summary: "Draw the last result (or write an SVG file)"),
        DotCommand(name: ".quit", usage: "", summary: "Leave the shell"),
        DotCommand(name: ".exit", usage: "", summary: "Leave the shell"),
    ]

    /// The `.help` text.
    static var helpText: String {
        let width = all.map { $0.name.count + ($0.usage.isEmpty ? 0 : $0.usage.count + 1) }.max() ?? 0
        return all.map { command in
            let left = command.usage.isEmpty ? command.name : command.name + " " + command.usage
            return left + String(repeating: " ", count: width - left.count + 2) + command.summary
        }.joined(separator: "\n") + "\n"
    }

    /// The dot-command closest to `typed` by edit distance, when close enough to be a typo (or a prefix).
    static func nearest(to typed: String) -> String? {
        let typed = typed.lowercased()
        if let prefixed = all.first(where: { $0.name.hasPrefix(typed) && typed.count > 1 }) { return prefixed.name }
        let scored = all.map { ($0.name, editDistance(typed, $0.name)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, typed.count / 3) else { return nil }
        return best.0
    }

    /// Levenshtein distance between two strings, by characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Splits a dot-command line into words; single or double quotes keep spaces inside a word.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character? = nil
        var inWord = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
