import BigQuerySQL
import Store

/// How one column of a BigQuery-typed result prints, decided once per column from its type: the byte-wise twin of
/// `ResultValueFormatter.text`, which it falls back to for the rare shapes (BYTES, DATETIME, ARRAY, STRUCT, text
/// that is not plain ASCII), so the output is the same byte for byte. A plain enum, so a row copies no type.
enum TypedCell {
    /// INT64: a REAL that holds an integer prints as that integer.
    case int64
    /// BOOL: an INTEGER prints as `true` or `false`.
    case bool
    /// FLOAT64: an INTEGER prints in FLOAT64's shortest round-trip form (`1.0`).
    case float64
    /// TIMESTAMP: stored text gets ` UTC` appended.
    case timestamp
    /// Every other scalar type: numbers and text print as stored.
    case plain
    /// DATETIME, ARRAY, STRUCT: through `ResultValueFormatter`.
    case formatted

    /// The printing of a column of BigQuery type `type`.
    init(_ type: SQLType) {
        switch type {
        case .int64: self = .int64
        case .bool: self = .bool
        case .float64: self = .float64
        case .timestamp: self = .timestamp
        case .datetime, .array, .structure: self = .formatted
        default: self = .plain
        }
    }

    /// Writes column `index` of `row` as one CSV field as `bq` prints it (NULL as an empty field); `type` (the
    /// column's type) is asked for only by the rare shapes.
    func writeCSV(
        _ row: borrowing ResultRow, at index: Int, type: () -> SQLType, into output: inout StandardOutput
    ) {
        switch (row.kind(at: index), self) {
        case (.null, _):
            return
        case (_, .formatted), (.blob, _):
            output.writeCSVField(ResultValueFormatter.text(Self.stored(row, at: index), type()) ?? "")
        case (.integer, _):
            let number = row.integer(at: index) ?? 0
            switch self {
            case .bool: output.write(number != 0 ? "true" : "false")
            case .float64: output.write(ResultValueFormatter.float(Double(number)))
            default: output.write(integer: number)
            }
        case (.real, _):
            let number = row.real(at: index) ?? 0
            if case .int64 = self, let exact = Int64(exactly: number) {
                output.write(integer: exact)
            } else {
                output.write(ResultValueFormatter.float(number))
            }
        case (.text, _):
            let suffix: StaticString
            if case .timestamp = self { suffix = " UTC" } else { suffix = "" }
            let ascii = row.withBytes(at: index) { bytes in
                guard TextBytes.isASCII(bytes) else { return false }
                output.writeCSVField(bytes: bytes, suffix: suffix)
                return true
            }
            if !ascii {
                // Not plain ASCII: through a String, which mends invalid UTF-8 as every other path does.
                var text = row.text(at: index) ?? ""
                text.withUTF8 { output.writeCSVField(bytes: UnsafeRawBufferPointer($0), suffix: suffix) }
            }
        }
    }

    /// Column `index` of `row` as the BigQuery front end's stored value.
    static func stored(_ row: borrowing ResultRow, at index: Int) -> StoredValue {
        switch row.value(at: index) {
        case .null: return .null
        case .integer(let i): return .integer(i)
        case .real(let d): return .real(d)
        case .text(let s): return .text(s)
        case .blob(let b): return .blob(b)
        }
    }
}

/// Byte tests for text read straight from the store.
enum TextBytes {
    /// Whether every byte is ASCII (so the bytes are the text's UTF-8 as a `String` would hold it).
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80
    }
}
