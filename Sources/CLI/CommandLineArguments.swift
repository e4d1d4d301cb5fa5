/// The command line as the argument parser should see it. The parser reads every word that starts with `-` as an
/// option, so two kinds of value need help:
/// - SQL that starts with a comment (`bmrs query "-- totals
///   SELECT 1"`): a word whose would-be option name holds whitespace cannot be an option, so it is passed after
///   a `--` terminator, as a positional value;
/// - a negative number after an option (`--retries -1`): passed as `--retries=-1`, so the option's own check
///   judges the number instead of the parser calling it an unknown option.
public enum CommandLineArguments {
    /// `arguments` (without the program name) rewritten as described above; unchanged when nothing applies.
    public static func normalized(_ arguments: [String]) -> [String] {
        var options: [String] = []
        var values: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { break }
            if isValue(argument) {
                values.append(argument)
            } else if isNegativeNumber(argument), index > 0, takesJoinedValue(arguments[index - 1]),
                options.last == arguments[index - 1]
            {
                // Only when the option is the word just before: `--retries -1`, not `--retries 2 -1`.
                options[options.count - 1] += "=" + argument
            } else {
                options.append(argument)
            }
            index += 1
        }
        guard !values.isEmpty else { return options + arguments[index...] }
        let rest = index < arguments.endIndex ? arguments[(index + 1)...] : []
        return options + ["--"] + values + rest
    }

    /// True for a word that starts with `-` but cannot be an option: its name (before any `=`) holds whitespace.
    static func isValue(_ argument: String) -> Bool {
        guard argument.first == "-", argument != "-" else { return false }
        let name = argument.prefix { $0 != "=" }
        return name.contains { $0.isWhitespace }
    }

    /// True for `-1`, `-0.5`, `-.5`, `-1e3`: a minus sign then a number.
    static func isNegativeNumber(_ argument: String) -> Bool {
        guard argument.count > 1, argument.first == "-" else { return false }
        let rest = argument.dropFirst()
        guard let first = rest.first, first.isASCII, first.isNumber || first == "." else { return false }
        return Double(rest) != nil
    }

    /// True for `--name` with no value attached: the word a separate negative value may be joined to.
    private static func takesJoinedValue(_ argument: String) -> Bool {
        argument.hasPrefix("--") && argument.count > 2 && !argument.contains("=")
    }
}
