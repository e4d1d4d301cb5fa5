import Rows

/// Reads the Insights API's `format=csv` bodies: a header line of field names, then one row per line.
///
/// Fields may be quoted (`"a,b"`, `""` for a quote); an empty field is NULL, and so is a column the header
/// does not have (unless the column is NOT NULL). Lines end in LF or CRLF; a byte-order mark is ignored.
struct CSVRowReader {
    let bytes: UnsafeRawBufferPointer
    let map: FieldMap
    let source: String

    func read() throws -> RowBatch {
        var lines = LineSplitter(bytes: bytes)
        guard let header = lines.next() else { throw InputError("the CSV body is empty", file: source) }
        let names = try Self.names(in: header, source: source)
        // Header position → field index.
        let positions = names.map { map.field(ignoringCase: $0) }
        for (f, field) in map.fields.enumerated()
        where field.column >= 0 && !positions.contains(f) && map.schema.columns[field.column].isRequired {
            throw InputError(
                "the CSV header has no column for this field", file: source, row: nil,
                field: String(decoding: field.name, as: UTF8.self))
        }
        let width = map.schema.columns.count
        var batch = RowBatch(width: width, capacity: bytes.count / 60)
        var cells = [Cell](repeating: .null, count: width)
        var row = 0
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            if line.isEmpty { continue }
            row += 1
            let values = try Self.fields(of: line, line: lineNumber, source: source)
            guard values.count == names.count else {
                throw InputError(
                    "line \(lineNumber) has \(values.count) fields, the header has "
                        + "\(names.count) (truncated body?)", file: source, row: row)
            }
            for i in cells.indices { cells[i] = .null }
            for (position, fieldValue) in values.enumerated() {
                guard let f = positions[position] else { continue }
                try fieldValue.withBytes { value throws in
                    let field = map.fields[f]
                    if field.column < 0 {
                        guard value.elementsEqual(map.dataset.name.utf8) else {
                            throw InputError(
                                "this row belongs to dataset \(FieldMap.snippet(value)), not "
                                    + "\(map.dataset.name)", file: source, row: row, field: "dataset")
                        }
                        return
                    }
                    if value.isEmpty { return }
                    let kind = map.schema.columns[field.column].kind
                    guard let cell = FieldMap.cell(fromText: value, kind: kind) else {
                        throw InputError(
                            "expected \(FieldMap.kindName(kind)), found \(FieldMap.snippet(value))",
                            file: source, row: row, field: String(decoding: field.name, as: UTF8.self))
                    }
                    cells[field.column] = cell
                }
            }
            batch.cells.append(contentsOf: cells)
        }
        return batch
    }

    /// The value of the `dataset` column in the first data line, or nil when there is none.
    static func firstRowDataset(bytes: UnsafeRawBufferPointer, source: String) throws -> String? {
        var lines = LineSplitter(bytes: bytes)
        guard let header = lines.next() else { throw InputError("the CSV body is empty", file: source) }
        let names = try names(in: header, source: source)
        guard let column = names.firstIndex(where: { $0.lowercased() == "dataset" }) else {
            throw InputError(
                "the CSV header has no dataset column (pass --dataset)",
                file: source)
        }
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            if line.isEmpty { continue }
            let values = try fields(of: line, line: lineNumber, source: source)
            guard column < values.count else {
                throw InputError("line \(lineNumber) has no dataset field", file: source, row: 1, field: "dataset")
            }
            return try values[column].withBytes { String(decoding: $0, as: UTF8.self) }
        }
        return nil
    }

    /// The header's field names, trimmed of spaces and a byte-order mark.
    private static func names(in header: UnsafeRawBufferPointer, source: String) throws -> [String] {
        var names: [String] = []
        for field in try fields(of: header, line: 1, source: source) {
            names.append(try field.withBytes { bytes throws in String(decoding: bytes, as: UTF8.self) }.trimmingSpaces)
        }
        if names.first?.hasPrefix("<") == true {
            throw InputError("the body is HTML, not CSV (an error page?)", file: source)
        }
        return names
    }

    /// Splits one line into fields, undoing CSV quoting (quoted fields are copied, the rest are slices).
    private static func fields(of line: UnsafeRawBufferPointer, line number: Int, source: String) throws
        -> [CSVField]
    {
        var result: [CSVField] = []
        var i = 0
        var start = 0
        while i <= line.count {
            if i < line.count, line[i] == UInt8(ascii: "\""), i == start {
                var text: [UInt8] = []
                i += 1
                while true {
                    guard i < line.count else {
                        throw InputError("line \(number) has an unterminated quoted field", file: source)
                    }
                    if line[i] == UInt8(ascii: "\"") {
                        if i + 1 < line.count, line[i + 1] == UInt8(ascii: "\"") {
                            text.append(UInt8(ascii: "\""))
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    text.append(line[i])
                    i += 1
                }
                result.append(.owned(text))
                if i < line.count, line[i] != UInt8(ascii: ",") {
                    throw InputError("line \(number): text after a closing quote", file: source)
                }
                i += 1
                start = i
                continue
            }
            if i == line.count || line[i] == UInt8(ascii: ",") {
                result.append(.slice(UnsafeRawBufferPointer(rebasing: line[start..<i])))
                i += 1
                start = i
                continue
            }
            i += 1
        }
        return result
    }
}

/// One CSV field: a slice of the input, or the unquoted copy of a quoted field.
enum CSVField {
    case slice(UnsafeRawBufferPointer)
    case owned([UInt8])

    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        switch self {
        case .slice(let bytes): return try body(bytes)
        case .owned(let bytes):
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            defer { copy.deallocate() }
            copy.copyBytes(from: bytes)
            return try body(UnsafeRawBufferPointer(rebasing: copy[0..<bytes.count]))
        }
    }
}

/// Splits bytes into lines on LF or CRLF.
struct LineSplitter {
    let bytes: UnsafeRawBufferPointer
    var pos = 0

    mutating func next() -> UnsafeRawBufferPointer? {
        guard pos < bytes.count else { return nil }
        let start = pos
        while pos < bytes.count, bytes[pos] != 0x0A { pos += 1 }
        var end = pos
        if pos < bytes.count { pos += 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\u{FEFF}" { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
