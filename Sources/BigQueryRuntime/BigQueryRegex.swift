/// A compiled BigQuery (RE2) regular expression and the REGEXP_* functions over it.
public struct BigQueryRegex {
    let regex: Regex<AnyRegexOutput>
    /// The number of capturing groups.
    public let groupCount: Int

    /// Compiles `pattern` (RE2 syntax); an unsupported or invalid pattern is an error naming the problem.
    public init(_ pattern: String) throws(BigQueryError) {
        let (source, groups) = try RegexTranslator.translateCountingGroups(pattern)
        let compiled: Regex<AnyRegexOutput>
        do {
            compiled = try Regex(source)
        } catch {
            throw BigQueryError("Cannot parse regular expression: \(error)")
        }
        regex = compiled.matchingSemantics(.unicodeScalar).wordBoundaryKind(.simple).asciiOnlyWordCharacters()
        groupCount = groups
    }

    /// REGEXP_CONTAINS(s, re).
    public func contains(_ s: String) -> Bool { s.contains(regex) }

    /// REGEXP_EXTRACT(s, re[, position[, occurrence]]): group 1 (or the whole match), NULL when no match.
    public func extract(_ s: String, position: Int64 = 1, occurrence: Int64 = 1) throws(BigQueryError) -> String? {
        guard groupCount <= 1 else {
            throw BigQueryError(
                "Regular expressions passed into extraction functions must not have more than 1 capturing group")
        }
        guard position > 0 else { throw BigQueryError("Invalid position value: \(position)") }
        guard occurrence > 0 else { throw BigQueryError("Invalid occurrence value: \(occurrence)") }
        let scalars = s.unicodeScalars
        guard position <= Int64(scalars.count) || (position == 1 && scalars.isEmpty) else { return nil }
        let start = scalars.index(scalars.startIndex, offsetBy: Int(position - 1))
        var seen: Int64 = 0
        for match in s[start...].matches(of: regex) {
            seen += 1
            if seen == occurrence { return text(of: match) }
        }
        return nil
    }

    /// REGEXP_EXTRACT_ALL(s, re).
    public func extractAll(_ s: String) throws(BigQueryError) -> [String?] {
        guard groupCount <= 1 else {
            throw BigQueryError(
                "Regular expressions passed into extraction functions must not have more than 1 capturing group")
        }
        return nonOverlapping(s).map { text(of: $0) }
    }

    private func text(of match: Regex<AnyRegexOutput>.Match) -> String? {
        if groupCount == 0 { return String(match.output[0].substring ?? "") }
        return match.output[1].substring.map(String.init)
    }

    /// Matches as RE2's global iteration finds them: an empty match right where the previous match ended is skipped.
    private func nonOverlapping(_ s: String) -> [Regex<AnyRegexOutput>.Match] {
        var result: [Regex<AnyRegexOutput>.Match] = []
        var lastEnd: String.Index?
        for match in s.matches(of: regex) {
            if match.range.isEmpty && match.range.lowerBound == lastEnd { continue }
            result.append(match)
            lastEnd = match.range.upperBound
        }
        return result
    }

    /// REGEXP_REPLACE(s, re, replacement): `\0`…`\9` insert groups, `\\` a backslash; any other escape is an error.
    public func replace(_ s: String, with replacement: String) throws(BigQueryError) -> String {
        enum Piece {
            case literal(String)
            case group(Int)
        }
        var pieces: [Piece] = []
        var literal = ""
        var iterator = replacement.unicodeScalars.makeIterator()
        while let c = iterator.next() {
            guard c == "\\" else {
                literal.unicodeScalars.append(c)
                continue
            }
            guard let next = iterator.next() else {
                throw BigQueryError("Invalid REGEXP_REPLACE pattern: trailing backslash")
            }
            if next == "\\" {
                literal += "\\"
            } else if let digit = Int(String(next)), digit >= 0 && digit <= 9 {
                guard digit <= groupCount else {
                    throw BigQueryError("Invalid REGEXP_REPLACE pattern: \\\(digit) refers to a missing group")
                }
                pieces.append(.literal(literal))
                literal = ""
                pieces.append(.group(digit))
            } else {
                throw BigQueryError("Invalid REGEXP_REPLACE pattern: unknown escape \\\(next)")
            }
        }
        pieces.append(.literal(literal))
        var out = ""
        var cursor = s.startIndex
        for match in nonOverlapping(s) {
            out += s[cursor..<match.range.lowerBound]
            for piece in pieces {
                switch piece {
                case .literal(let text): out += text
                case .group(let index): out += match.output[index].substring ?? ""
                }
            }
            cursor = match.range.upperBound
        }
        out += s[cursor...]
        return out
    }
}
