/// Walks SQL text byte by byte and says which bytes are code, as opposed to inside a string, a quoted identifier
/// or a comment: enough to find statement ends and `@parameters` without parsing.
///
/// Strings are `'…'` (a doubled quote inside stays inside) and `"…"`, identifiers `` `…` ``, comments `-- …`
/// to the end of the line and `/* … */`.
struct SQLScanner {
    private enum State {
        case code, single, double, backtick, lineComment, blockComment
        case dash, slash, blockStar
    }

    private var state = State.code

    /// Whether the scanner is inside a string, quoted identifier or block comment (a statement cannot end here).
    var isInsideLiteral: Bool {
        switch state {
        case .single, .double, .backtick, .blockComment, .blockStar: return true
        default: return false
        }
    }

    /// Takes the next byte; true when it is code (outside strings and comments). A `-` or `/` that may start a
    /// comment counts as code (it is one unless the next byte makes a comment).
    mutating func take(_ byte: UInt8) -> Bool {
        switch state {
        case .dash:
            if byte == UInt8(ascii: "-") {
                state = .lineComment
                return false
            }
            state = .code
            return take(byte)
        case .slash:
            if byte == UInt8(ascii: "*") {
                state = .blockComment
                return false
            }
            state = .code
            return take(byte)
        case .code:
            switch byte {
            case UInt8(ascii: "'"): state = .single
            case UInt8(ascii: "\""): state = .double
            case UInt8(ascii: "`"): state = .backtick
            case UInt8(ascii: "-"): state = .dash
            case UInt8(ascii: "/"): state = .slash
            default: return true
            }
            return state == .dash || state == .slash
        case .single:
            if byte == UInt8(ascii: "'") { state = .code }
        case .double:
            if byte == UInt8(ascii: "\"") { state = .code }
        case .backtick:
            if byte == UInt8(ascii: "`") { state = .code }
        case .lineComment:
            if byte == UInt8(ascii: "\n") { state = .code }
        case .blockComment:
            if byte == UInt8(ascii: "*") { state = .blockStar }
        case .blockStar:
            state = byte == UInt8(ascii: "/") ? .code : (byte == UInt8(ascii: "*") ? .blockStar : .blockComment)
        }
        return false
    }

    /// The byte offsets of every `;` that ends a statement in `bytes`.
    static func terminators(in bytes: some Collection<UInt8>) -> [Int] {
        var scanner = SQLScanner()
        var result: [Int] = []
        for (offset, byte) in bytes.enumerated() where scanner.take(byte) && byte == UInt8(ascii: ";") {
            result.append(offset)
        }
        return result
    }

    /// Whether `text` holds nothing but whitespace and comments.
    static func isBlank(_ text: String) -> Bool {
        var scanner = SQLScanner()
        for byte in text.utf8 where scanner.take(byte) {
            if byte != 32 && byte != 9 && byte != 10 && byte != 13 && byte != UInt8(ascii: "-")
                && byte != UInt8(ascii: "/")
            {
                return false
            }
        }
        return true
    }
}
