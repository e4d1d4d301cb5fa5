/// Turns lines of input into what the shell runs: SQL statements (ended by `;` outside strings and comments) and
/// dot-commands (a line starting with `.` between statements), each with the line it starts on. Pure: the
/// terminal, scripts and `.read` all feed it.
public struct InputAssembler {
    /// One thing to run.
    public enum Item: Equatable, Sendable {
        /// An SQL statement without its `;`, starting on `line` (1-based).
        case statement(String, line: Int)
        /// A dot-command line (with its SQL argument for `.dryrun`/`.translate`), on `line`.
        case dotCommand(String, line: Int)
    }

    private var buffer: [UInt8] = []
    private var bufferLine = 0
    private var lineNumber = 0
    private var pendingDot = false

    /// An assembler at line 1.
    public init() {}

    /// Whether part of a statement has been typed (the prompt shows `   -> `).
    public var isPending: Bool { !buffer.isEmpty }

    /// The text typed so far of the unfinished statement.
    public var pendingText: String { String(decoding: buffer, as: UTF8.self) }

    /// Forgets the unfinished statement (Ctrl-C).
    public mutating func clear() {
        buffer.removeAll()
        pendingDot = false
    }

    /// Takes one line (without its newline) and returns what it completes.
    public mutating func feed(line: String) -> [Item] {
        lineNumber += 1
        let trimmed = line.trimmingWhitespace
        if pendingDot {
            if trimmed.isEmpty { return flushDot() }
            append(line)
            return SQLScanner.terminators(in: buffer).isEmpty ? [] : flushDot()
        }
        if buffer.isEmpty {
            if trimmed.isEmpty { return [] }
            if trimmed.hasPrefix(".") {
                let command = trimmed.split(separator: " ", maxSplits: 1).first.map(String.init) ?? trimmed
                let takesSQL = command == ".dryrun" || command == ".translate"
                if takesSQL, trimmed.contains(" "), SQLScanner.terminators(in: Array(trimmed.utf8)).isEmpty {
                    pendingDot = true
                    append(line)
                    return []
                }
                return [.dotCommand(trimmed, line: lineNumber)]
            }
        }
        append(line)
        return takeStatements()
    }

    /// The end of input: an unfinished statement runs as if it ended with `;`.
    public mutating func finish() -> [Item] {
        if pendingDot { return flushDot() }
        defer { buffer.removeAll() }
        let text = String(decoding: buffer, as: UTF8.self)
        guard !SQLScanner.isBlank(text) else { return [] }
        return [.statement(text.trimmingWhitespace, line: bufferLine + leadingNewlines(in: buffer[...]))]
    }

    private mutating func append(_ line: String) {
        if buffer.isEmpty { bufferLine = lineNumber }
        buffer.append(contentsOf: line.utf8)
        buffer.append(10)
    }

    private mutating func flushDot() -> [Item] {
        let text = String(decoding: buffer, as: UTF8.self).trimmingWhitespace
        let item = Item.dotCommand(text.hasSuffix(";") ? String(text.dropLast()) : text, line: bufferLine)
        clear()
        return [item]
    }

    private mutating func takeStatements() -> [Item] {
        let ends = SQLScanner.terminators(in: buffer)
        guard let last = ends.last else { return [] }
        var items: [Item] = []
        var start = 0
        var line = bufferLine
        for end in ends {
            let piece = buffer[start..<end]
            let text = String(decoding: piece, as: UTF8.self)
            if !SQLScanner.isBlank(text) {
                items.append(.statement(text.trimmingWhitespace, line: line + leadingNewlines(in: piece)))
            }
            line += piece.count(where: { $0 == 10 })
            start = end + 1
        }
        let rest = Array(buffer[(last + 1)...])
        buffer = rest.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) ? [] : rest
        if !buffer.isEmpty { bufferLine = line }
        return items
    }

    /// The line breaks before the first code in `piece` (after leading blanks and comments).
    private func leadingNewlines(in piece: ArraySlice<UInt8>) -> Int {
        var scanner = SQLScanner()
        var count = 0
        for byte in piece {
            let isCode = scanner.take(byte)
            if byte == 10 {
                count += 1
            } else if isCode && byte != 32 && byte != 9 && byte != 13 && byte != UInt8(ascii: "-")
                && byte != UInt8(ascii: "/")
            {
                break
            }
        }
        return count
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
