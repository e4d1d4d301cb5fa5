/// One `name = value` entry of an `OPTIONS(...)` list, with where its value is.
struct OptionEntry {
    /// A literal value an option can take.
    enum Value {
        /// A string literal.
        case string(String)
        /// A number literal, possibly negative.
        case number(Double)
        /// `TRUE` or `FALSE`.
        case bool(Bool)
        /// `NULL`: clear the option.
        case null
        /// `[("key", "value"), ...]`, the form of `labels`.
        case pairs([(String, String)])
    }

    /// The option name, lower-cased.
    var name: String
    /// The value.
    var value: Value
    /// Where the value starts.
    var position: SourcePosition

    private func wrongType(_ expected: String) -> DDLError {
        .make(.invalidDefinition, "invalid definition: option '\(name)' takes \(expected)", at: position)
    }

    /// The string value, or `nil` for `NULL`; any other value is an error.
    func stringValue() throws(DDLError) -> String? {
        switch value {
        case .string(let text): return text
        case .null: return nil
        default: throw wrongType("a string or NULL")
        }
    }

    /// The number value, or `nil` for `NULL`; any other value is an error.
    func numberValue() throws(DDLError) -> Double? {
        switch value {
        case .number(let number): return number
        case .null: return nil
        default: throw wrongType("a number or NULL")
        }
    }

    /// The boolean value, or `nil` for `NULL`; any other value is an error.
    func boolValue() throws(DDLError) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .null: return nil
        default: throw wrongType("TRUE, FALSE or NULL")
        }
    }

    /// The key-value pairs, or `nil` for `NULL`; any other value is an error.
    func pairsValue() throws(DDLError) -> [(String, String)]? {
        switch value {
        case .pairs(let pairs): return pairs
        case .null: return nil
        default: throw wrongType("a list of (\"key\", \"value\") pairs or NULL")
        }
    }
}

extension DDLStatementParser {
    /// The hint after a refused table option.
    static let tableOptionsHint =
        "bmrs migrations support the table options " + TableOptions.supportedNames.joined(separator: ", ")

    /// Parses a table's `(name = value, ...)` after `OPTIONS`, refusing options bmrs does not support.
    mutating func parseTableOptions() throws(DDLError) -> TableOptions {
        var options = TableOptions()
        for entry in try parseOptionList(supported: TableOptions.supportedNames, hint: Self.tableOptionsHint) {
            func invalid(_ detail: String) -> DDLError {
                .make(.invalidDefinition, "invalid definition: \(detail)", at: entry.position)
            }
            switch entry.name {
            case "description":
                options.description = try entry.stringValue().map { .set($0) } ?? .cleared
            case "labels":
                guard let pairs = try entry.pairsValue() else {
                    options.labels = .cleared
                    continue
                }
                var labels: [String: String] = [:]
                for (key, value) in pairs {
                    if labels[key] != nil { throw invalid("label '\(key)' is given twice") }
                    if let problem = TableOptions.labelProblem(key: key, value: value) { throw invalid(problem) }
                    labels[key] = value
                }
                options.labels = .set(labels)
            case "partition_expiration_days":
                guard let days = try entry.numberValue() else {
                    options.partitionExpirationMs = .cleared
                    continue
                }
                let milliseconds = (days * TableOptions.millisecondsPerDay).rounded()
                guard days > 0, milliseconds >= 1, milliseconds < Double(Int64.max) else {
                    throw invalid("partition_expiration_days must be a positive number of days")
                }
                options.partitionExpirationMs = .set(Int64(milliseconds))
            default:
                options.requirePartitionFilter = try entry.boolValue().map { .set($0) } ?? .cleared
            }
        }
        return options
    }

    /// Parses `(name = value, ...)`; a name not in `supported` is refused as `OPTIONS(name)`.
    mutating func parseOptionList(supported: [String], hint: String) throws(DDLError) -> [OptionEntry] {
        try expectSymbol("(", "after OPTIONS")
        var entries: [OptionEntry] = []
        if acceptSymbol(")") { return entries }
        repeat {
            guard case .identifier(let word) = current.kind else {
                throw .syntax("expected an option name, found \(describe(current))", at: here)
            }
            let name = word.lowercased()
            guard supported.contains(name) else { throw refusal(["OPTIONS(\(name))"], hint: hint) }
            if entries.contains(where: { $0.name == name }) {
                throw .make(.invalidDefinition, "invalid definition: option '\(name)' is given twice", at: here)
            }
            advance()
            try expectSymbol("=", "after the option name '\(name)'")
            let valuePosition = here
            entries.append(OptionEntry(name: name, value: try parseOptionValue(), position: valuePosition))
        } while acceptSymbol(",")
        try expectSymbol(")", "after the options")
        return entries
    }

    /// Parses a literal option value: a string, a number, `TRUE`, `FALSE`, `NULL` or a list of pairs.
    private mutating func parseOptionValue() throws(DDLError) -> OptionEntry.Value {
        let start = current
        let negative = acceptSymbol("-")
        switch current.kind {
        case .string(let text) where !negative:
            advance()
            return .string(text)
        case .number(let text):
            advance()
            guard let number = Double(text), number.isFinite else {
                throw .syntax("number '\(text)' is out of range", at: position(of: start))
            }
            return .number(negative ? -number : number)
        case .identifier(let word) where !negative && ["TRUE", "FALSE", "NULL"].contains(word.uppercased()):
            advance()
            let upper = word.uppercased()
            return upper == "NULL" ? .null : .bool(upper == "TRUE")
        case .symbol("[") where !negative:
            advance()
            var pairs: [(String, String)] = []
            if acceptSymbol("]") { return .pairs(pairs) }
            repeat {
                try expectSymbol("(", "to start a (\"key\", \"value\") pair")
                let key = try parseStringLiteral()
                try expectSymbol(",", "between the key and the value")
                pairs.append((key, try parseStringLiteral()))
                try expectSymbol(")", "to end a (\"key\", \"value\") pair")
            } while acceptSymbol(",")
            try expectSymbol("]", "after the pairs")
            return .pairs(pairs)
        default:
            throw .syntax(
                "expected an option value (a string, number, TRUE, FALSE, NULL or [...]), found \(describe(current))",
                at: here)
        }
    }

    /// Parses one string literal.
    private mutating func parseStringLiteral() throws(DDLError) -> String {
        guard case .string(let text) = current.kind else {
            throw .syntax("expected a string literal, found \(describe(current))", at: here)
        }
        advance()
        return text
    }
}
