import Zstd

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
        let decoded: [UInt8]
        do {
            decoded = try Self.decompressIfNeeded(body)
        } catch {
            throw StoreError(.invalidInput, "\(error)", file: source)
        }
        let map = FieldMap(schema: schema, dataset: dataset)
        var batch: RowBatch = try decoded.withUnsafeBytes { (bytes) throws -> RowBatch in
            var first = 0
            while first < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[first]) { first += 1 }
            if first < bytes.count, bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "[") {
                var scanner = JSONRowScanner(bytes: bytes, map: map, source: source)
                return try scanner.scan()
            }
            if first + 3 <= bytes.count, bytes[first] == 0xEF, bytes[first + 1] == 0xBB, bytes[first + 2] == 0xBF,
                first + 3 < bytes.count, bytes[first + 3] == UInt8(ascii: "{") || bytes[first + 3] == UInt8(ascii: "[")
            {
                var scanner = JSONRowScanner(
                    bytes: UnsafeRawBufferPointer(rebasing: bytes[(first + 3)...]), map: map,
                    source: source)
                return try scanner.scan()
            }
            if first < bytes.count, bytes[first] == UInt8(ascii: "<") {
                throw StoreError(.invalidInput, "the body is HTML, not JSON or CSV (an error page?)", file: source)
            }
            return try CSVRowReader(bytes: bytes, map: map, source: source).read()
        }
        if let ingested = schema.ingestedIndex {
            for row in 0..<batch.count { batch[row, ingested] = .int(ingestedAt) }
        }
        try validate(batch, source: source)
        return batch
    }

    /// Checks required columns and settlement periods; throws naming the first bad row and field.
    public func validate(_ batch: RowBatch, source: String) throws {
        let required = schema.columns.indices.filter { schema.columns[$0].isRequired }
        let dateIndex = dataset.settlementDateColumn.flatMap(schema.columnIndex)
        let periodIndex = dataset.settlementPeriodColumn.flatMap(schema.columnIndex)
        var lastDay: Int64 = .min
        var lastPeriods = 48
        for row in 0..<batch.count {
            for column in required where batch[row, column] == .null {
                throw StoreError(
                    .invalidInput, "the value is null but the column is NOT NULL", file: source,
                    row: row + 1, field: schema.columns[column].name)
            }
            if let dateIndex, let periodIndex, case .int(let day) = batch[row, dateIndex],
                case .int(let period) = batch[row, periodIndex]
            {
                if day != lastDay {
                    lastDay = day
                    lastPeriods = SettlementCalendar.periods(onDay: day)
                }
                guard period >= 1 && period <= lastPeriods else {
                    throw StoreError(
                        .invalidInput,
                        "settlement period \(period) is outside 1…\(lastPeriods), the "
                            + "range for \(CivilDate.string(day))", file: source, row: row + 1,
                        field: schema.columns[periodIndex].name)
                }
            }
        }
    }

    /// The dataset a body holds, from the `dataset` field of its first row (JSON) or first data line (CSV).
    public static func detectDataset(body: [UInt8]) -> Dataset? {
        guard let decoded = try? decompressIfNeeded(body) else { return nil }
        let head = String(decoding: decoded.prefix(4096), as: UTF8.self)
        if let range = head.firstRange(of: "\"dataset\"") {
            let after = head[range.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\t" }
            guard after.first == "\"" else { return nil }
            return Dataset.named(String(after.dropFirst().prefix { $0 != "\"" }))
        }
        let lines = head.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
        guard lines.count >= 2, lines[0].lowercased().hasPrefix("dataset,") else { return nil }
        return Dataset.named(String(lines[1].prefix { $0 != "," }))
    }

    /// Undoes zstd or gzip compression, recognised by magic number, not file name.
    public static func decompressIfNeeded(_ body: [UInt8]) throws -> [UInt8] {
        try body.withUnsafeBytes { (bytes) throws -> [UInt8] in
            if Zstd.isCompressed(bytes) { return try Zstd.decompress(bytes) }
            if Gzip.isCompressed(bytes) { return try Gzip.decompress(bytes) }
            return body
        }
    }
}
