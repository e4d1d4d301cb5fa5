import Rows

/// Turns one Insights API response body (JSON envelope, `/stream` array or `format=csv`; plain, gzip or zstd)
/// into validated rows of a table. The one parsing path shared by `bmrs load` and `bmrs ingest`.
public struct ResponseParser: Sendable {
    /// The dataset the body is expected to hold.
    public let dataset: Dataset
    /// The table it loads into.
    public let schema: TableSchema

    /// A parser for `dataset` rows going into `schema`.
    public init(dataset: Dataset, schema: TableSchema) {
        self.dataset = dataset
        self.schema = schema
    }

    /// Parses and validates `body`; `source` names it in errors; `ingestedAt` stamps every row.
    public func parse(body: [UInt8], source: String, ingestedAt: Int64) throws -> RowBatch {
        let decoded = try Self.decode(body, source: source)
        let map = FieldMap(schema: schema, dataset: dataset)
        var batch: RowBatch = try decoded.withUnsafeBytes { (bytes) throws -> RowBatch in
            switch try Self.format(of: bytes, source: source) {
            case .json(let json):
                var scanner = JSONRowScanner(bytes: json, map: map, source: source)
                return try scanner.scan()
            case .csv:
                return try CSVRowReader(bytes: bytes, map: map, source: source).read()
            }
        }
        if let ingested = schema.ingestedIndex {
            for row in 0..<batch.count { batch[row, ingested] = .int(ingestedAt) }
        }
        try RowValidator(dataset: dataset, schema: schema).validate(batch, source: source)
        return batch
    }

    /// Checks required columns, key text, bounds, settlement periods and start times; throws naming the first
    /// bad row and field.
    public func validate(_ batch: RowBatch, source: String) throws {
        try RowValidator(dataset: dataset, schema: schema).validate(batch, source: source)
    }

    /// The dataset a body holds, from the `dataset` field of its first row (JSON) or first data line (CSV);
    /// nil when the body holds no rows. The body is decoded first, so a damaged file reports what is wrong
    /// with it (a truncated `.zst`, an HTML page, an empty file) rather than that the dataset is unknown.
    public static func detectDataset(body: [UInt8], source: String) throws -> Dataset? {
        let decoded = try decode(body, source: source)
        let name: String? = try decoded.withUnsafeBytes { bytes in
            switch try format(of: bytes, source: source) {
            case .json(let json): return try JSONRowScanner.firstRowDataset(bytes: json, source: source)
            case .csv: return try CSVRowReader.firstRowDataset(bytes: bytes, source: source)
            }
        }
        guard let name else { return nil }
        guard let dataset = Dataset.named(name) else {
            throw InputError(
                "unknown dataset \(Array(name.utf8).withUnsafeBytes { FieldMap.snippet($0) }); known: "
                    + Dataset.all.map(\.name).joined(separator: ", "), file: source, row: 1, field: "dataset")
        }
        return dataset
    }

    private static func decode(_ body: [UInt8], source: String) throws(InputError) -> [UInt8] {
        try Decompression.decompressIfNeeded(body, source: source)
    }

    private enum Format {
        /// JSON, from its first bracket (after any byte-order mark).
        case json(UnsafeRawBufferPointer)
        case csv
    }

    /// JSON or CSV, from the first byte that is not white space or a UTF-8 byte-order mark.
    private static func format(of bytes: UnsafeRawBufferPointer, source: String) throws -> Format {
        var first = 0
        while first < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[first]) { first += 1 }
        if first + 3 <= bytes.count, bytes[first] == 0xEF, bytes[first + 1] == 0xBB, bytes[first + 2] == 0xBF {
            first += 3
        }
        guard first < bytes.count else { throw InputError("the body is empty", file: source) }
        switch bytes[first] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return .json(UnsafeRawBufferPointer(rebasing: bytes[first...]))
        case UInt8(ascii: "<"):
            throw InputError("the body is HTML, not JSON or CSV (an error page?)", file: source)
        default:
            return .csv
        }
    }
}
