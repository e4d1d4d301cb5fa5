import Rows

/// The byte-level primitives of JSON reading: whitespace, strings with escapes, literals, and skipping any
/// value with a bounded nesting depth. Errors name the source, the row being read and the byte offset.
struct JSONCursor {
    /// The deepest nesting of arrays and objects accepted inside one skipped value (the API nests 3 deep):
    /// deeper input is refused with an error instead of recursing towards the end of a worker's stack.
    static let maxDepth = 64

    let b: UnsafeRawBufferPointer
    var pos = 0
    let source: String
    /// The data row being read (1-based; 0 outside rows), for error messages.
    var row = 0
    /// Decoded text of the most recent string that had escapes; valid until the next such string.
    private let scratch = ScratchBuffer()

    init(bytes: UnsafeRawBufferPointer, source: String) {
        b = bytes
        self.source = source
    }

    /// Moves to the `[` of the rows: the input's top-level array, or the `"data"` member of its envelope.
    /// Returns true for an envelope, whose remaining members `finishEnvelope` reads after the rows.
    mutating func openRows() throws -> Bool {
        skipSpace()
        guard pos < b.count else { throw fail("the body is empty") }
        if b[pos] == UInt8(ascii: "[") { return false }
        if b[pos] == UInt8(ascii: "<") { throw fail("the body is HTML, not JSON (an error page?)") }
        guard b[pos] == UInt8(ascii: "{") else {
            throw fail("expected a JSON object or array, found \(FieldMap.snippet(rest()))")
        }
        pos += 1
        skipSpace()
        if peek() != UInt8(ascii: "}") {
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                if key.count == 4, key.elementsEqual("data".utf8) {
                    guard peek() == UInt8(ascii: "[") else { throw fail("\"data\" is not an array") }
                    return true
                }
                try skipValue()
                skipSpace()
                if peek() == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                break
            }
        }
        throw fail("the JSON object has no \"data\" array (not an Insights API response?)")
    }

    /// Reads the envelope's members after the rows, its closing brace, and checks nothing follows.
    mutating func finishEnvelope(_ isEnvelope: Bool) throws {
        if isEnvelope {
            skipSpace()
            while peek() == UInt8(ascii: ",") {
                pos += 1
                skipSpace()
                _ = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                try skipValue()
                skipSpace()
            }
            try expect(UInt8(ascii: "}"))
        }
        skipSpace()
        guard pos == b.count else { throw fail("unexpected content after the JSON value: \(FieldMap.snippet(rest()))") }
    }

    @inline(__always) static func isNumberByte(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
            || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
    }

    /// Consumes `word` if it is next; throws when the input ends inside it.
    mutating func literal(_ word: StaticString) throws -> Bool {
        let n = word.utf8CodeUnitCount
        guard pos + n <= b.count else {
            if pos < b.count, b[pos] == word.utf8Start.pointee { throw truncated() }
            return false
        }
        for i in 0..<n where b[pos + i] != word.utf8Start[i] { return false }
        pos += n
        return true
    }

    /// Reads a string starting at the opening quote; returns its content (escapes decoded into scratch memory).
    mutating func string() throws -> UnsafeRawBufferPointer {
        guard pos < b.count else { throw truncated() }
        guard b[pos] == UInt8(ascii: "\"") else {
            throw fail("expected a string, found \(FieldMap.snippet(rest()))", row: rowIfAny)
        }
        pos += 1
        let start = pos
        while pos < b.count {
            let c = b[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return UnsafeRawBufferPointer(rebasing: b[start..<(pos - 1)])
            }
            if c == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if c < 0x20 { throw fail("control character inside a string", row: rowIfAny) }
            pos += 1
        }
        throw truncated()
    }

    private mutating func escapedString(from start: Int) throws -> UnsafeRawBufferPointer {
        var out = Array(UnsafeRawBufferPointer(rebasing: b[start..<pos]))
        while pos < b.count {
            let c = b[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return scratch.store(out)
            }
            if c == UInt8(ascii: "\\") {
                guard pos + 1 < b.count else { throw truncated() }
                let e = b[pos + 1]
                pos += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), pos + 1 < b.count, b[pos] == UInt8(ascii: "\\"),
                        b[pos + 1] == UInt8(ascii: "u")
                    {
                        pos += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
                default:
                    throw fail(
                        "invalid escape \([UInt8(ascii: "\\"), e].withUnsafeBytes { FieldMap.snippet($0) })",
                        row: rowIfAny)
                }
                continue
            }
            out.append(c)
            pos += 1
        }
        throw truncated()
    }

    private mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= b.count else { throw truncated() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[pos]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - 55
            default: throw fail("invalid \\u escape", row: rowIfAny)
            }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    /// Skips one JSON value of any kind, refusing nesting deeper than `maxDepth` levels.
    mutating func skipValue(depth: Int = 0) throws {
        skipSpace()
        guard pos < b.count else { throw truncated() }
        switch b[pos] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maxDepth else {
                throw fail("the JSON is nested deeper than \(Self.maxDepth) levels", row: rowIfAny)
            }
            let open = b[pos]
            let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            pos += 1
            skipSpace()
            if peek() == close {
                pos += 1
                return
            }
            while true {
                skipSpace()
                if open == UInt8(ascii: "{") {
                    _ = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"))
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                guard pos < b.count else { throw truncated() }
                if b[pos] == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                if b[pos] == close {
                    pos += 1
                    return
                }
                throw fail("malformed JSON: found \(FieldMap.snippet(rest()))", row: rowIfAny)
            }
        case UInt8(ascii: "t"): if try !literal("true") { throw invalidToken() }
        case UInt8(ascii: "f"): if try !literal("false") { throw invalidToken() }
        case UInt8(ascii: "n"): if try !literal("null") { throw invalidToken() }
        default:
            let start = pos
            while pos < b.count, Self.isNumberByte(b[pos]) { pos += 1 }
            if pos == start { throw invalidToken() }
        }
    }

    @inline(__always) mutating func skipSpace() {
        while pos < b.count {
            let c = b[pos]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            pos += 1
        }
    }

    @inline(__always) func peek() -> UInt8? { pos < b.count ? b[pos] : nil }

    mutating func expect(_ c: UInt8) throws {
        guard pos < b.count else { throw truncated() }
        guard b[pos] == c else {
            throw fail("expected '\(Character(Unicode.Scalar(c)))', found \(FieldMap.snippet(rest()))", row: rowIfAny)
        }
        pos += 1
    }

    private var rowIfAny: Int? { row > 0 ? row : nil }

    func rest() -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: b[pos..<b.count]) }

    func invalidToken() -> InputError {
        fail("invalid JSON token \(FieldMap.snippet(rest()))", row: rowIfAny)
    }

    func truncated() -> InputError {
        InputError(
            "the JSON ends unexpectedly at byte \(b.count) (truncated body?)", file: source,
            row: rowIfAny)
    }

    func fail(_ message: String, row: Int? = nil) -> InputError {
        InputError("\(message) (at byte \(pos))", file: source, row: row)
    }
}

/// Memory that holds the decoded text of the last escaped JSON string.
final class ScratchBuffer {
    private var memory = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 1)

    deinit { memory.deallocate() }

    /// Copies `bytes` in and returns a view of them, valid until the next call.
    func store(_ bytes: [UInt8]) -> UnsafeRawBufferPointer {
        if memory.count < bytes.count {
            memory.deallocate()
            memory = .allocate(byteCount: bytes.count * 2, alignment: 1)
        }
        memory.copyBytes(from: bytes)
        return UnsafeRawBufferPointer(rebasing: memory[0..<bytes.count])
    }
}
