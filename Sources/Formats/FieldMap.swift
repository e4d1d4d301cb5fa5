import Rows

/// How the fields of an API row map onto a table's columns.
struct FieldMap {
    /// A known field name and the column it fills (-1: the `dataset` field, checked not stored).
    struct Field {
        let name: [UInt8]
        let lowercased: [UInt8]
        let column: Int
    }

    let fields: [Field]
    let schema: TableSchema
    let dataset: Dataset
    /// Columns that every row must supply (all but the ingestion stamp).
    let suppliedColumns: [Int]

    init(schema: TableSchema, dataset: Dataset) {
        self.schema = schema
        self.dataset = dataset
        var fields = [Field(name: Array("dataset".utf8), lowercased: Array("dataset".utf8), column: -1)]
        var supplied: [Int] = []
        for (index, column) in schema.columns.enumerated() where index != schema.ingestedIndex {
            fields.append(
                Field(
                    name: Array(column.name.utf8), lowercased: Array(column.name.lowercased().utf8),
                    column: index))
            supplied.append(index)
        }
        self.fields = fields
        suppliedColumns = supplied
    }

    /// The field whose name is exactly `bytes`, or nil.
    @inline(__always)
    func field(exactly bytes: UnsafeRawBufferPointer) -> Int? {
        for (i, field) in fields.enumerated() where field.name.count == bytes.count {
            if field.name.withUnsafeBytes({ $0.elementsEqual(bytes) }) { return i }
        }
        return nil
    }

    /// The field whose name matches `name` ignoring case (CSV headers), or nil.
    func field(ignoringCase name: String) -> Int? {
        let lower = Array(name.lowercased().utf8)
        return fields.firstIndex { $0.lowercased == lower }
    }

    /// Converts text (a JSON string's content or a CSV field) to a cell of `kind`; nil when it does not parse.
    static func cell(fromText bytes: UnsafeRawBufferPointer, kind: StoredColumn.Kind) -> Cell? {
        switch kind {
        case .text:
            return .text(String(decoding: bytes, as: UTF8.self))
        case .date:
            return CivilDate.parse(bytes: bytes).map { .int($0) }
        case .timestamp:
            return Timestamp.parse(bytes: bytes).map { .int($0) }
        case .integer:
            return parseInteger(bytes).map { .int($0) }
        case .real:
            return Double(String(decoding: bytes, as: UTF8.self)).map { .double($0) }
        case .boolean:
            switch String(decoding: bytes, as: UTF8.self).lowercased() {
            case "true", "1": return .int(1)
            case "false", "0": return .int(0)
            default: return nil
            }
        }
    }

    /// A decimal integer with an optional sign, or an integral decimal such as `120.0`.
    static func parseInteger(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < bytes.count else { return nil }
        var value: Int64 = 0
        while i < bytes.count {
            let d = bytes[i] &- 48
            if d >= 10 {
                guard let double = Double(String(decoding: bytes, as: UTF8.self)), double.rounded() == double,
                    abs(double) < 9.0e15
                else { return nil }
                return Int64(double)
            }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            value = a
            i += 1
        }
        return negative ? -value : value
    }

    /// A short, printable rendering of offending input for error messages.
    /// Control characters are escaped, so an error message stays on one line.
    static func snippet(_ bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self).unicodeScalars.map { c -> String in
            switch c {
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            default: return c.value < 0x20 || c.value == 0x7F ? "\\u{\(String(c.value, radix: 16))}" : String(c)
            }
        }.joined()
        return "\"" + text + (bytes.count > 40 ? "…" : "") + "\""
    }

    static func kindName(_ kind: StoredColumn.Kind) -> String {
        switch kind {
        case .integer: return "an integer"
        case .real: return "a number"
        case .text: return "a string"
        case .date: return "a date (YYYY-MM-DD)"
        case .timestamp: return "a timestamp with a time zone (e.g. 2018-01-01T00:30:00Z)"
        case .boolean: return "true or false"
        }
    }
}
