import Glibc

/// What Tab offers for the text before the cursor: keywords, tables (bare and dataset-qualified), the columns of
/// the tables the statement names (of every table before it names one), functions, dot-commands and their
/// arguments, and file names after `.read`, `.once` and `.output`. Pure apart from listing directories.
struct CompletionSource {
    /// A table and its column names.
    struct Table {
        var name: String
        var columns: [String]
    }

    let dataset: String
    let tables: [Table]

    static let keywords = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "JOIN", "LEFT", "RIGHT",
        "INNER", "OUTER", "FULL", "CROSS", "ON", "USING", "AS", "AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN",
        "LIKE", "CASE", "WHEN", "THEN", "ELSE", "END", "DISTINCT", "UNION", "ALL", "EXCEPT", "INTERSECT", "WITH",
        "ASC", "DESC", "OVER", "PARTITION", "WINDOW", "QUALIFY", "TRUE", "FALSE", "EXISTS", "INTERVAL", "DATE",
        "TIMESTAMP", "EXPLAIN", "ROWS", "RANGE", "PRECEDING", "FOLLOWING", "CURRENT", "ROW", "UNBOUNDED",
    ]

    static let functions = [
        "ABS", "AVG", "CAST", "COALESCE", "COUNT", "COUNTIF", "DATE", "DATETIME", "DATE_ADD", "DATE_DIFF",
        "DATE_TRUNC", "EXTRACT", "FORMAT_DATE", "GROUP_CONCAT", "IFNULL", "IIF", "JULIANDAY", "LAG", "LEAD",
        "LENGTH", "LOWER", "MAX", "MIN", "NTILE", "NULLIF", "PRINTF", "RANK", "REPLACE", "ROUND", "ROW_NUMBER",
        "SAFE_DIVIDE", "STRFTIME", "STRING_AGG", "SUBSTR", "SUM", "TIMESTAMP_TRUNC", "TOTAL", "TRIM", "UPPER",
    ]

    /// The completion for `text`, the statement typed so far up to the cursor.
    func complete(_ text: String) -> LineEditor.Completion {
        let currentLine = text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? text
        let isFirstLine = !text.dropLast(currentLine.count).contains { !$0.isWhitespace }
        if isFirstLine, currentLine.drop(while: { $0 == " " }).hasPrefix(".") {
            return dotCompletion(currentLine.drop(while: { $0 == " " }).description)
        }
        let word = String(
            text.reversed().prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }).reversed())
        return LineEditor.Completion(word: word, candidates: sqlCandidates(for: word, statement: text))
    }

    private func sqlCandidates(for word: String, statement: String) -> [String] {
        let lower = word.lowercased()
        if let dot = word.lastIndex(of: ".") {
            let qualifier = word[..<dot].lowercased()
            let prefix = String(word[..<dot]) + "."
            if qualifier == dataset.lowercased() {
                return matching(tables.map { prefix + $0.name }, lower)
            }
            let table = tables.first { $0.name.lowercased() == qualifier.split(separator: ".").last.map(String.init) }
            return matching(
                (table ?? Table(name: "", columns: mentionedColumns(statement))).columns.map { prefix + $0 }, lower)
        }
        let caseFold: (String) -> String = word.first?.isLowercase == true ? { $0.lowercased() } : { $0 }
        var candidates = mentionedColumns(statement)
        candidates += tables.map(\.name) + [dataset + "."]
        if lower.hasPrefix(dataset.prefix(3).lowercased()) { candidates += tables.map { dataset + "." + $0.name } }
        candidates += Self.functions.map { caseFold($0) + "(" }
        candidates += Self.keywords.map(caseFold)
        return matching(candidates, lower)
    }

    /// The columns of the tables `statement` names, or of every table when it names none.
    private func mentionedColumns(_ statement: String) -> [String] {
        let words = Set(
            statement.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(
                String.init))
        let named = tables.filter { words.contains($0.name.lowercased()) }
        return (named.isEmpty ? tables : named).flatMap(\.columns)
    }

    private func dotCompletion(_ line: String) -> LineEditor.Completion {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let endsWithSpace = line.hasSuffix(" ")
        if words.count <= 1 && !endsWithSpace {
            let word = words.first ?? "."
            return LineEditor.Completion(
                word: word, candidates: matching(DotCommand.all.map(\.name), word.lowercased()))
        }
        let word = endsWithSpace ? "" : (words.last ?? "")
        let options: [String]
        switch words.first ?? "" {
        case ".read", ".once", ".output": options = Self.files(matching: word)
        case ".schema", ".partitions": options = tables.map(\.name)
        case ".mode": options = ResultPrinter.Mode.allCases.map(\.rawValue)
        case ".timer": options = ["on", "off"]
        case ".parameter": options = ["set", "list", "clear"]
        case ".chart": options = ["line", "bar"]
        default: options = []
        }
        return LineEditor.Completion(word: word, candidates: matching(options, word.lowercased()))
    }

    private func matching(_ candidates: [String], _ lowerPrefix: String) -> [String] {
        var seen = Set<String>()
        return candidates.filter { $0.lowercased().hasPrefix(lowerPrefix) && seen.insert($0).inserted }
    }

    /// Paths starting with `prefix`: the entries of its directory, directories ending in `/`.
    static func files(matching prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let directory = slash.map { String(prefix[...$0]) } ?? ""
        guard let handle = opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            let isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            names.append(directory + name + (isDirectory ? "/" : ""))
        }
        return names.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
