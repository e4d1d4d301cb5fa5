import Rows

#if canImport(Glibc)
    import Glibc
#endif

/// A byte-level JSON scanner that reads Insights API rows straight into a `RowBatch`.
///
/// Accepts the `{"data":[…]}` envelope (other top-level members are skipped) and the bare array of
/// `/stream`. Every failure names the row, the field and the byte offset. A field that is absent reads as
/// `null` (the NOT NULL check then names it).
struct JSONRowScanner {
    private var j: JSONCursor
    private let map: FieldMap
    private var batch: RowBatch
    /// The field expected next: rows repeat their key order, so this is almost always right.
    private var expectedField = 0

    init(bytes: UnsafeRawBufferPointer, map: FieldMap, source: String) {
        j = JSONCursor(bytes: bytes, source: source)
        self.map = map
        // ~150 bytes per row in Insights responses.
        batch = RowBatch(width: map.schema.columns.count, capacity: bytes.count / 150 + 16)
    }

    /// Scans the whole input.
    mutating func scan() throws -> RowBatch {
        let isEnvelope = try j.openRows()
        try rows()
        j.row = 0
        try j.finishEnvelope(isEnvelope)
        return batch
    }

    /// The `dataset` field of the first row (escapes decoded), or nil when the input holds no rows.
    /// Throws what makes the input unreadable: not JSON, HTML, truncated, no `data` array, a row without it.
    static func firstRowDataset(bytes: UnsafeRawBufferPointer, source: String) throws -> String? {
        var j = JSONCursor(bytes: bytes, source: source)
        _ = try j.openRows()
        j.pos += 1  // [
        j.skipSpace()
        if j.peek() == UInt8(ascii: "]") { return nil }
        j.row = 1
        try j.expect(UInt8(ascii: "{"))
        j.skipSpace()
        while j.peek() != UInt8(ascii: "}") {
            j.skipSpace()
            let key = try j.string()
            j.skipSpace()
            try j.expect(UInt8(ascii: ":"))
            j.skipSpace()
            if key.elementsEqual("dataset".utf8) {
                guard j.peek() == UInt8(ascii: "\"") else {
                    throw InputError("expected a string", file: source, row: 1, field: "dataset")
                }
                return String(decoding: try j.string(), as: UTF8.self)
            }
            try j.skipValue()
            j.skipSpace()
            guard j.peek() == UInt8(ascii: ",") else { break }
            j.pos += 1
        }
        throw InputError(
            "the first row has no dataset field (pass --dataset)", file: source, row: 1, field: "dataset"
        )
    }

    private mutating func rows() throws {
        j.pos += 1  // [
        j.skipSpace()
        if j.peek() == UInt8(ascii: "]") {
            j.pos += 1
            return
        }
        while true {
            j.skipSpace()
            j.row += 1
            try object()
            j.skipSpace()
            guard j.pos < j.b.count else { throw j.truncated() }
            if j.b[j.pos] == UInt8(ascii: ",") {
                j.pos += 1
                continue
            }
            if j.b[j.pos] == UInt8(ascii: "]") {
                j.pos += 1
                return
            }
            throw j.fail("expected ',' or ']' after row \(j.row), found \(FieldMap.snippet(j.rest()))")
        }
    }

    private mutating func object() throws {
        guard j.pos < j.b.count else { throw j.truncated() }
        guard j.b[j.pos] == UInt8(ascii: "{") else { throw j.fail("row \(j.row) is not a JSON object", row: j.row) }
        j.pos += 1
        var seen: UInt64 = 0
        let fields = map.fields
        let base = batch.cells.count
        for _ in 0..<batch.width { batch.cells.append(.null) }
        j.skipSpace()
        if j.peek() == UInt8(ascii: "}") {
            j.pos += 1
        } else {
            while true {
                j.skipSpace()
                let key = try j.string()
                j.skipSpace()
                try j.expect(UInt8(ascii: ":"))
                j.skipSpace()
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
                    try j.skipValue()
                }
                j.skipSpace()
                guard j.pos < j.b.count else { throw j.truncated() }
                if j.b[j.pos] == UInt8(ascii: ",") {
                    j.pos += 1
                    continue
                }
                if j.b[j.pos] == UInt8(ascii: "}") {
                    j.pos += 1
                    break
                }
                throw j.fail("expected ',' or '}' in row \(j.row), found \(FieldMap.snippet(j.rest()))", row: j.row)
            }
        }
        // An absent field is null; only a NOT NULL column's absence is an error here.
        for (f, field) in fields.enumerated()
        where field.column >= 0 && seen & (1 << UInt64(f)) == 0 && map.schema.columns[field.column].isRequired {
            throw InputError(
                "the field is missing", file: j.source, row: j.row,
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
        let start = j.pos
        guard j.peek() == UInt8(ascii: "\"") else {
            try j.skipValue()
            return
        }
        let name = try j.string()
        if !name.elementsEqual(map.dataset.name.utf8) {
            j.pos = start
            throw InputError(
                "this row belongs to dataset \(FieldMap.snippet(name)), not \(map.dataset.name)",
                file: j.source, row: j.row, field: "dataset")
        }
    }

    private mutating func value(kind: StoredColumn.Kind, field f: Int) throws -> Cell {
        guard j.pos < j.b.count else { throw j.truncated() }
        let c = j.b[j.pos]
        func wrongType(_ found: UnsafeRawBufferPointer) -> InputError {
            InputError(
                "expected \(FieldMap.kindName(kind)), found \(FieldMap.snippet(found))",
                file: j.source, row: j.row, field: String(decoding: map.fields[f].name, as: UTF8.self))
        }
        if c == UInt8(ascii: "\"") {
            let start = j.pos
            let text = try j.string()
            if kind == .integer || kind == .real || kind == .boolean {
                throw wrongType(UnsafeRawBufferPointer(rebasing: j.b[start..<j.pos]))
            }
            guard let cell = FieldMap.cell(fromText: text, kind: kind) else { throw wrongType(text) }
            return cell
        }
        if c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
            let start = j.pos
            while j.pos < j.b.count, JSONCursor.isNumberByte(j.b[j.pos]) { j.pos += 1 }
            let number = UnsafeRawBufferPointer(rebasing: j.b[start..<j.pos])
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
        if try j.literal("null") { return .null }
        let start = j.pos
        if kind == .boolean {
            if try j.literal("true") { return .int(1) }
            if try j.literal("false") { return .int(0) }
        }
        try j.skipValue()
        throw wrongType(UnsafeRawBufferPointer(rebasing: j.b[start..<j.pos]))
    }
}
