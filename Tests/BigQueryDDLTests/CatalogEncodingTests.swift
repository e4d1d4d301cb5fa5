import BigQueryDDL
import Testing

/// The binary form a store caches its catalog in: it decodes to the same catalog, and any damage decodes as nil.
@Suite struct CatalogEncodingTests {
    /// A catalog using every field: a project and dataset, descriptions with quotes and non-ASCII text, REQUIRED
    /// columns, a primary key, day partitioning, clustering, labels, partition expiry, a required partition filter,
    /// a column added later and an unpartitioned second table.
    static func sample() throws -> Catalog {
        var catalog = Catalog()
        try catalog.apply(
            sql: """
                CREATE TABLE `my-project.uk_energy_insights.bmrs_fuelhh` (
                  settlementDate DATE NOT NULL OPTIONS(description = "day (Europe/London) — 46, 48 or 50 periods"),
                  settlementPeriod INT64 NOT NULL,
                  fuelType STRING NOT NULL,
                  generation FLOAT64,
                  publishTime TIMESTAMP,
                  PRIMARY KEY (settlementDate, settlementPeriod, fuelType) NOT ENFORCED
                )
                PARTITION BY settlementDate
                CLUSTER BY fuelType, settlementPeriod
                OPTIONS(description = 'half-hourly "FUELHH"', labels = [("source", "elexon"), ("tier", "")],
                  partition_expiration_days = 30, require_partition_filter = TRUE);
                CREATE TABLE notes (id INT64, body STRING, raw BYTES, seen DATETIME, price NUMERIC);
                ALTER TABLE uk_energy_insights.bmrs_fuelhh ADD COLUMN IF NOT EXISTS note STRING;
                """, source: "sample.sql")
        return catalog
    }

    @Test func decodesToTheSameCatalog() throws {
        let catalog = try Self.sample()
        #expect(catalog.tables.count == 2)
        #expect(Catalog(encoded: catalog.encoded) == catalog)
        #expect(Catalog(encoded: Catalog().encoded) == Catalog())
    }

    /// Every truncation, every single-byte change and trailing bytes decode as nil or as some catalog, never a trap;
    /// truncations and trailing bytes are always refused.
    @Test func damagedBytesDecodeAsNilNeverATrap() throws {
        let bytes = try Self.sample().encoded
        for length in 0..<bytes.count {
            #expect(Catalog(encoded: Array(bytes[..<length])) == nil, "truncated to \(length)")
        }
        #expect(Catalog(encoded: bytes + [0]) == nil)
        for index in bytes.indices {
            for value: UInt8 in [0, 1, 0x7F, 0x80, 0xFF] where value != bytes[index] {
                var damaged = bytes
                damaged[index] = value
                _ = Catalog(encoded: damaged)
            }
        }
        // A length that claims more than is there.
        #expect(Catalog(encoded: Array("bmrs-catalog-1\n".utf8) + [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) == nil)
        #expect(Catalog(encoded: Array("bmrs-catalog-2\n".utf8) + [0]) == nil)
    }
}
