#if canImport(Glibc)
    import Glibc
#endif

/// A byte-level JSON scanner that reads Insights API rows straight into a `RowBatch`.
///
/// Accepts the `{"data":[…]}` envelope (other top-level members are skipped) and the bare array of
/// `/stream`. Every failure names the row, the field and the byte offset.
struct JSONRowScanner {
    private let b: UnsafeRawBufferPointer
    private var pos = 0
    private let map: FieldMap
    private let source: String
    private var row = 0
    private var batch: RowBatch
    /// Decoded text of the most recent string that had escapes; valid until the next such string.
    private let scratch = ScratchBuffer()
    /// The field expected next: rows repeat their key order, so this is almost always right.
    private var expectedField = 0

    init(bytes: UnsafeRawBufferPointer, map: FieldMap, source: String) {
        b = bytes
        self.map = map
        self.source = source
        // ~150 bytes per row in Insights responses.
        batch = RowBatch(width: map.schema.columns.count, capacity: bytes.count / 150 + 16)
    }

    /// Scans the whole input.
    mutating func scan() throws -> RowBatch {
        skipSpace()
        guard pos < b.count else { throw fail("the body is empty") }
        if b[pos] == UInt8(ascii: "[") {
            try rows()
        } else if b[pos] == UInt8(ascii: "{") {
            pos += 1
            var found = false
            skipSpace()
            if peek() == UInt8(ascii: "}") {
                pos += 1
            } else {
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"))
                    skipSpace()
                    if key.count == 4, key.elementsEqual("data".utf8) {
                        guard peek() == UInt8(ascii: "[") else { throw fail("\"data\" is not an array") }
                        try rows()
                        found = true
                    } else {
                        try skipValue()
                    }
                    skipSpace()
                    if peek() == UInt8(ascii: ",") {
                        pos += 1
                        continue
                    }
                    try expect(UInt8(ascii: "}"))
                    break
                }
            }
            guard found else { throw fail("the JSON object has no \"data\" array (not an Insights API response?)") }
        } else if b[pos] == UInt8(ascii: "<") {
            throw fail("the body is HTML, not JSON (an error page?)")
        } else {
            throw fail("expected a JSON object or array, found \(FieldMap.snippet(rest()))")
        }
        skipSpace()
        guard pos == b.count else { throw fail("unexpected content after the JSON value: \(FieldMap.snippet(rest()))") }
        return batch
    }

    private mutating func rows() throws {
        pos += 1  // [
        skipSpace()
        if peek() == UInt8(ascii: "]") {
            pos += 1
            return
        }
        while true {
            skipSpace()
            row += 1
            try object()
            skipSpace()
            guard pos < b.count else { throw truncated() }
            if b[pos] == UInt8(ascii: ",") {
                pos += 1
                continue
            }
            if b[pos] == UInt8(ascii: "]") {
                pos += 1
                return
            }
            throw fail("expected ',' or ']' after row \(row), found \(FieldMap.snippet(rest()))")
        }
    }

    private mutating func object() throws {
        guard pos < b.count else { throw truncated() }
        guard b[pos] == UInt8(ascii: "{") else { throw fail("row \(row) is not a JSON object", row: row) }
        pos += 1
        var seen: UInt64 = 0
        let fields = map.fields
        let base = batch.cells.count
        for _ in 0..<batch.width { batch.cells.append(.null) }
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            pos += 1
        } else {
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                if let f = field(named: key) {
                    seen |= 1 << UInt64(f)
                    let field = fields[f]
                    if field.column < 0 {
                        try checkDataset()
                    } else {
                        batch.cells[base + field.column] = try value(
                            kind: map.schema.columns[field.column].kind, field: f)
                    }
                } else {
                    try skipValue()
                }
                skipSpace()
                guard pos < b.count else { throw truncated() }
                if b[pos] == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                if b[pos] == UInt8(ascii: "}") {
                    pos += 1
                    break
                }
                throw fail("expected ',' or '}' in row \(row), found \(FieldMap.snippet(rest()))", row: row)
            }
        }
        for (f, field) in fields.enumerated() where field.column >= 0 && seen & (1 << UInt64(f)) == 0 {
            throw StoreError(
                .invalidInput, "the field is missing", file: source, row: row,
                field: String(decoding: field.name, as: UTF8.self))
        }
    }

    /// The field called `key`: the expected one if it matches, else a search.
    @inline(__always)
    private mutating func field(named key: UnsafeRawBufferPointer) -> Int? {
        let fields = map.fields
        if expectedField < fields.count {
            let candidate = fields[expectedField].name
            if candidate.count == key.count,
                candidate.withUnsafeBytes({ memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 })
            {
                expectedField += 1
                return expectedField - 1
            }
        }
        guard let found = map.field(exactly: key) else { return nil }
        expectedField = found + 1
        return found
    }

    private mutating func checkDataset() throws {
        let start = pos
        guard peek() == UInt8(ascii: "\"") else {
            try skipValue()
            return
        }
        let name = try string()
        if !name.elementsEqual(map.dataset.name.utf8) {
            pos = start
            throw StoreError(
                .invalidInput, "this row belongs to dataset \(FieldMap.snippet(name)), not \(map.dataset.name)",
                file: source, row: row, field: "dataset")
        }
    }

    private mutating func value(kind: StoredColumn.Kind, field f: Int) throws -> Cell {
        guard pos < b.count else { throw truncated() }
        let c = b[pos]
        func wrongType(_ found: UnsafeRawBufferPointer) -> StoreError {
            StoreError(
                .invalidInput, "expected \(FieldMap.kindName(kind)), found \(FieldMap.snippet(found))",
                file: source, row: row, field: String(decoding: map.fields[f].name, as: UTF8.self))
        }
        if c == UInt8(ascii: "\"") {
            let start = pos
            let text = try string()
            if kind == .integer || kind == .real || kind == .boolean {
                throw wrongType(UnsafeRawBufferPointer(rebasing: b[start..<pos]))
            }
            guard let cell = FieldMap.cell(fromText: text, kind: kind) else { throw wrongType(text) }
            return cell
        }
        if c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
            let start = pos
            while pos < b.count, isNumberByte(b[pos]) { pos += 1 }
            let number = UnsafeRawBufferPointer(rebasing: b[start..<pos])
            switch kind {
            case .integer:
                guard let v = FieldMap.parseInteger(number) else { throw wrongType(number) }
                return .int(v)
            case .real:
                guard let v = Double(String(decoding: number, as: UTF8.self)) else { throw wrongType(number) }
                return .double(v)
            default:
                throw wrongType(number)
            }
        }
        if try literal("null") { return .null }
        let start = pos
        if kind == .boolean {
            if try literal("true") { return .int(1) }
            if try literal("false") { return .int(0) }
        }
        try skipValue()
        throw wrongType(UnsafeRawBufferPointer(rebasing: b[start..<pos]))
    }

    @inline(__always) private func isNumberByte(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
            || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
    }

    private mutating func literal(_ word: StaticString) throws -> Bool {
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
    private mutating func string() throws -> UnsafeRawBufferPointer {
        guard pos < b.count else { throw truncated() }
        guard b[pos] == UInt8(ascii: "\"") else {
            throw fail("expected a string, found \(FieldMap.snippet(rest()))", row: row > 0 ? row : nil)
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
            if c < 0x20 { throw fail("control character inside a string", row: row > 0 ? row : nil) }
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
                default: throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'", row: row > 0 ? row : nil)
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
            default: throw fail("invalid \\u escape", row: row > 0 ? row : nil)
            }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    /// Skips one JSON value of any kind.
    private mutating func skipValue() throws {
        skipSpace()
        guard pos < b.count else { throw truncated() }
        switch b[pos] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
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
                try skipValue()
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
                throw fail("malformed JSON: found \(FieldMap.snippet(rest()))", row: row > 0 ? row : nil)
            }
        case UInt8(ascii: "t"): if try !literal("true") { throw invalidToken() }
        case UInt8(ascii: "f"): if try !literal("false") { throw invalidToken() }
        case UInt8(ascii: "n"): if try !literal("null") { throw invalidToken() }
        default:
            let start = pos
            while pos < b.count, isNumberByte(b[pos]) { pos += 1 }
            if pos == start { throw invalidToken() }
        }
    }

    @inline(__always) private mutating func skipSpace() {
        while pos < b.count {
            let c = b[pos]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            pos += 1
        }
    }

    @inline(__always) private func peek() -> UInt8? { pos < b.count ? b[pos] : nil }

    private mutating func expect(_ c: UInt8) throws {
        guard pos < b.count else { throw truncated() }
        guard b[pos] == c else {
            throw fail(
                "expected '\(Character(Unicode.Scalar(c)))', found \(FieldMap.snippet(rest()))",
                row: row > 0 ? row : nil)
        }
        pos += 1
    }

    private func rest() -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: b[pos..<b.count]) }

    private func invalidToken() -> StoreError {
        fail("invalid JSON token \(FieldMap.snippet(rest()))", row: row > 0 ? row : nil)
    }

    private func truncated() -> StoreError {
        StoreError(
            .invalidInput, "the JSON ends unexpectedly at byte \(b.count) (truncated body?)", file: source,
            row: row > 0 ? row : nil)
    }

    private func fail(_ message: String, row: Int? = nil) -> StoreError {
        StoreError(.invalidInput, "\(message) (at byte \(pos))", file: source, row: row)
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
