/// A compact binary form of a catalog, for a store to keep next to its migrations so that opening it need not
/// parse them again. Decoding reads hostile bytes: every length is checked against what is left, and anything
/// malformed (or from another version of the format) decodes as nil, never a trap.
extension Catalog {
    /// The first bytes of an encoded catalog; a new layout of the encoding takes a new magic.
    static let encodingMagic = Array("bmrs-catalog-1\n".utf8)

    /// The catalog's tables in the binary form `init?(encoded:)` reads.
    public var encoded: [UInt8] {
        var out = CatalogWriter(bytes: Self.encodingMagic)
        out.count(tables.count)
        for table in tables {
            out.optional(table.reference.project)
            out.optional(table.reference.dataset)
            out.string(table.reference.table)
            out.count(table.columns.count)
            for column in table.columns {
                out.string(column.name)
                out.string(column.type.rawValue)
                out.flag(column.isRequired)
                out.optional(column.description)
            }
            out.strings(table.primaryKey)
            out.optional(table.partitionColumn)
            out.optional(table.partitionGranularity?.rawValue)
            out.strings(table.clusterColumns)
            out.optional(table.description)
            let labels = table.labels.sorted { $0.key < $1.key }
            out.strings(labels.map(\.key))
            out.strings(labels.map(\.value))
            out.optional(table.partitionExpirationMs.map(String.init))
            out.flag(table.requirePartitionFilter)
        }
        return out.bytes
    }

    /// The catalog `encoded` holds, or nil when the bytes are not one (another format, damage, truncation).
    public init?(encoded bytes: [UInt8]) {
        var reader = CatalogReader(bytes: bytes)
        guard let magic = reader.take(Self.encodingMagic.count), magic.elementsEqual(Self.encodingMagic),
            let tableCount = reader.count()
        else {
            return nil
        }
        var tables: [TableDefinition] = []
        for _ in 0..<tableCount {
            guard let project = reader.optional(), let dataset = reader.optional(), let name = reader.string(),
                let columnCount = reader.count()
            else { return nil }
            var columns: [ColumnDefinition] = []
            for _ in 0..<columnCount {
                guard let columnName = reader.string(), let typeName = reader.string(),
                    let type = BigQueryType(rawValue: typeName), let required = reader.flag(),
                    let description = reader.optional()
                else { return nil }
                columns.append(
                    ColumnDefinition(name: columnName, type: type, isRequired: required, description: description))
            }
            guard let primaryKey = reader.strings(), let partitionColumn = reader.optional(),
                let granularity = reader.optional(), let clusterColumns = reader.strings(),
                let description = reader.optional(), let labelKeys = reader.strings(),
                let labelValues = reader.strings(),
                labelKeys.count == labelValues.count, let expiration = reader.optional(),
                let requirePartitionFilter = reader.flag()
            else { return nil }
            var partitionGranularity: PartitionGranularity?
            if let granularity {
                guard let known = PartitionGranularity(rawValue: granularity) else { return nil }
                partitionGranularity = known
            }
            var expirationMs: Int64?
            if let expiration {
                guard let milliseconds = Int64(expiration) else { return nil }
                expirationMs = milliseconds
            }
            tables.append(
                TableDefinition(
                    reference: TableReference(project: project, dataset: dataset, table: name), columns: columns,
                    primaryKey: primaryKey, partitionColumn: partitionColumn,
                    partitionGranularity: partitionGranularity,
                    clusterColumns: clusterColumns, description: description,
                    labels: Dictionary(zip(labelKeys, labelValues), uniquingKeysWith: { first, _ in first }),
                    partitionExpirationMs: expirationMs, requirePartitionFilter: requirePartitionFilter))
        }
        guard reader.isAtEnd else { return nil }
        self.init(tables: tables)
    }
}

/// Appends the pieces of an encoded catalog: counts and lengths as LEB128 varints, strings as UTF-8.
private struct CatalogWriter {
    var bytes: [UInt8]

    mutating func count(_ value: Int) {
        var rest = UInt64(value)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func string(_ text: String) {
        count(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func strings(_ texts: [String]) {
        count(texts.count)
        for text in texts { string(text) }
    }

    /// A flag byte (1 present, 0 absent), then the string when present.
    mutating func optional(_ text: String?) {
        flag(text != nil)
        if let text { string(text) }
    }

    mutating func flag(_ value: Bool) { bytes.append(value ? 1 : 0) }
}

/// Reads what `CatalogWriter` wrote; every method returns nil on bytes that do not fit.
private struct CatalogReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func take(_ length: Int) -> ArraySlice<UInt8>? {
        guard length >= 0, length <= bytes.count - offset else { return nil }
        defer { offset += length }
        return bytes[offset..<offset + length]
    }

    /// A varint no larger than the bytes left (every counted thing takes at least one byte).
    mutating func count() -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 63 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            guard byte & 0x80 != 0 else {
                return value <= UInt64(bytes.count - offset) ? Int(value) : nil
            }
            shift += 7
        }
        return nil
    }

    mutating func string() -> String? {
        guard let length = count(), let utf8 = take(length) else { return nil }
        return String(validating: utf8, as: UTF8.self)
    }

    mutating func strings() -> [String]? {
        guard let count = count() else { return nil }
        var texts: [String] = []
        for _ in 0..<count {
            guard let text = string() else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// `.some(nil)` for an absent string, `.some(text)` for a present one, nil for bytes that are neither.
    mutating func optional() -> String?? {
        guard let present = flag() else { return nil }
        guard present else { return .some(nil) }
        guard let text = string() else { return nil }
        return .some(text)
    }

    mutating func flag() -> Bool? {
        guard let byte = take(1)?.first, byte <= 1 else { return nil }
        return byte == 1
    }
}
