/// Translates an RE2 pattern (BigQuery's regular expressions) to Swift Regex syntax with the same meaning:
/// `\d \w \s \b` and POSIX classes are ASCII as in RE2, `.` does not match `\n` unless `(?s)`, and constructs RE2
/// lacks or Swift would read differently (backreferences, lookaround, possessive or atomic groups, `\C`, `\Z`…)
/// are errors naming the construct. Matching must use Unicode-scalar semantics (see `BigQueryRegex`).
public enum RegexTranslator {
    /// The Swift Regex source for `pattern`.
    public static func translate(_ pattern: String) throws(BigQueryError) -> String {
        try translateCountingGroups(pattern).source
    }

    /// The Swift Regex source for `pattern` and the number of capturing groups in it.
    public static func translateCountingGroups(_ pattern: String) throws(BigQueryError) -> (source: String, groups: Int)
    {
        var groups = 0
        let s = Array(pattern.unicodeScalars)
        var out = ""
        var i = 0
        var inClass = false
        var dotAll: [Bool] = [false]
        func fail(_ what: String) -> BigQueryError {
            BigQueryError("Cannot parse regular expression: \(what) is not supported (RE2 syntax)")
        }
        while i < s.count {
            let c = s[i]
            if c == "\\" {
                guard i + 1 < s.count else { throw BigQueryError("Cannot parse regular expression: trailing \\") }
                let e = s[i + 1]
                i += 2
                switch e {
                case "1"..."9": throw fail("backreference \\\(e)")
                case "0": throw fail("octal escape \\0")
                case "Q":
                    while i < s.count && !(s[i] == "\\" && i + 1 < s.count && s[i + 1] == "E") {
                        let literal = s[i]
                        if literal.properties.isAlphabetic || (literal.value >= 48 && literal.value <= 57)
                            || literal.value > 127
                        {
                            out.unicodeScalars.append(literal)
                        } else {
                            out += "\\" + String(literal)
                        }
                        i += 1
                    }
                    i += 2
                case "C": throw fail("\\C (any byte)")
                case "Z": throw fail("\\Z")
                case "d": out += inClass ? "0-9" : "[0-9]"
                case "D": out += inClass ? "\\D" : "[^0-9]"
                case "w": out += inClass ? "0-9A-Za-z_" : "[0-9A-Za-z_]"
                case "W": out += inClass ? "\\W" : "[^0-9A-Za-z_]"
                case "s": out += inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]"
                case "S": out += inClass ? "\\S" : "[^\\t\\n\\f\\r ]"
                case "b", "B", "A", "z", "n", "t", "r", "f", "v", "a", "x", "p", "P", "E", ".", "*", "+", "?", "(",
                    ")", "[", "]", "{", "}", "|", "^", "$", "\\", "/", "-", " ", "#", "&", "~", ",", ":", "=", "!",
                    "<", ">", "'", "\"", "@", "%", ";", "`", "_":
                    if inClass && (e == "D" || e == "W" || e == "S") { throw fail("\\\(e) inside a class") }
                    out += "\\" + String(e)
                default:
                    throw fail("escape \\\(e)")
                }
                continue
            }
            if inClass {
                if c == "[" && i + 1 < s.count && s[i + 1] == ":" {
                    guard
                        let close = (i + 2..<s.count).first(where: {
                            s[$0] == ":" && $0 + 1 < s.count && s[$0 + 1] == "]"
                        })
                    else { throw fail("unterminated POSIX class") }
                    var name = String.UnicodeScalarView()
                    name.append(contentsOf: s[(i + 2)..<close])
                    out += try posixClass(String(name))
                    i = close + 2
                    continue
                }
                if c == "]" { inClass = false }
                if c == "[" { out += "\\[" } else { out.unicodeScalars.append(c) }
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                out += "["
                i += 1
                if i < s.count && s[i] == "^" {
                    out += "^"
                    i += 1
                }
                if i < s.count && s[i] == "]" {
                    out += "\\]"
                    i += 1
                }
                continue
            case ".":
                out += dotAll[dotAll.count - 1] ? "[\\s\\S]" : "[^\\n]"
            case "(":
                if i + 1 < s.count && s[i + 1] == "?" {
                    let rest = String(String.UnicodeScalarView(s[(i + 2)..<min(i + 5, s.count)]))
                    if rest.hasPrefix("=") || rest.hasPrefix("!") || rest.hasPrefix("<=") || rest.hasPrefix("<!") {
                        throw fail("lookaround (?\(rest.prefix(rest.hasPrefix("<") ? 2 : 1))")
                    }
                    if rest.hasPrefix(">") { throw fail("atomic group (?>") }
                    if rest.hasPrefix("|") { throw fail("branch reset (?|") }
                    if rest.hasPrefix("#") { throw fail("comment group (?#") }
                    // Flags: (?i) (?s) (?m) (?-s) (?i:...) ...; U is not supported.
                    var j = i + 2
                    var on = true
                    var sFlag: Bool? = nil
                    var isFlagGroup = true
                    while j < s.count && s[j] != ")" && s[j] != ":" {
                        switch s[j] {
                        case "i", "m": break
                        case "s": sFlag = on
                        case "-": on = false
                        case "U": throw fail("ungreedy flag (?U)")
                        default: isFlagGroup = false
                        }
                        if !isFlagGroup { break }
                        j += 1
                    }
                    if isFlagGroup && j < s.count {
                        if s[j] == ")" {
                            if let sFlag { dotAll[dotAll.count - 1] = sFlag }
                        } else {
                            dotAll.append(sFlag ?? dotAll[dotAll.count - 1])
                        }
                        var flags = String.UnicodeScalarView()
                        flags.append(contentsOf: s[i...j])
                        out += String(flags)
                        i = j + 1
                        continue
                    }
                    if rest.hasPrefix("P<") || rest.hasPrefix("<") || rest.hasPrefix("'") { groups += 1 }
                    dotAll.append(dotAll[dotAll.count - 1])
                } else {
                    groups += 1
                    dotAll.append(dotAll[dotAll.count - 1])
                }
                out += "("
            case ")":
                if dotAll.count > 1 { dotAll.removeLast() }
                out += ")"
            case "*", "+", "?", "}":
                out.unicodeScalars.append(c)
                if i + 1 < s.count && s[i + 1] == "+" { throw fail("possessive quantifier \(c)+") }
            default:
                out.unicodeScalars.append(c)
            }
            i += 1
        }
        return (out, groups)
    }

    /// An RE2 POSIX class (ASCII) as class members.
    static func posixClass(_ name: String) throws(BigQueryError) -> String {
        let negated = name.hasPrefix("^")
        if negated {
            throw BigQueryError("Cannot parse regular expression: negated POSIX class [:\(name):] is not supported")
        }
        switch name {
        case "alnum": return "0-9A-Za-z"
        case "alpha": return "A-Za-z"
        case "ascii": return "\\x00-\\x7F"
        case "blank": return "\\t "
        case "cntrl": return "\\x00-\\x1F\\x7F"
        case "digit": return "0-9"
        case "graph": return "!-~"
        case "lower": return "a-z"
        case "print": return " -~"
        case "punct": return "!-/:-@\\[-`{-~"
        case "space": return "\\t\\n\\v\\f\\r "
        case "upper": return "A-Z"
        case "word": return "0-9A-Za-z_"
        case "xdigit": return "0-9A-Fa-f"
        default: throw BigQueryError("Cannot parse regular expression: invalid character class [:\(name):]")
        }
    }
}
