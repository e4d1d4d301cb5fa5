import Testing

@testable import BigQueryRuntime

@Suite struct HostileInputTests {
    @Test func rejectsDamagedTZifFilesWithoutTrapping() throws {
        let bytes = try #require(TimeZoneDirectory.readFile("/usr/share/zoneinfo/Europe/London"))
        #expect(TZifParser.parse(bytes, name: "x") != nil)
        // Every truncation, and a sample of single-byte corruptions, parses or fails cleanly.
        for length in stride(from: 0, to: bytes.count, by: 7) {
            _ = TZifParser.parse(Array(bytes[0..<length]), name: "x")
        }
        var seed: UInt64 = 0x5EED
        print("HostileInputTests seed \(seed)")
        for _ in 0..<500 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var damaged = bytes
            let index = Int(seed >> 33) % damaged.count
            damaged[index] = UInt8(truncatingIfNeeded: seed >> 13)
            if let zone = TZifParser.parse(damaged, name: "x") {
                _ = zone.offsetSeconds(atUTC: Int64(truncatingIfNeeded: seed) >> 30)
            }
        }
        #expect(PosixTimeZoneRule("GMT0BST,M3.5.0/1,M10.5.0") != nil)
        for rule in ["", "<+03", "GMT0BST,M13.5.0,M10.5.0", "EST5EDT,J0,J10", "X", "GMT0BST,M3.5.0/1"] {
            #expect(PosixTimeZoneRule(rule) == nil, "\(rule)")
        }
    }

    @Test func rejectsHugeNumbersInTextWithErrors() throws {
        #expect(throws: BigQueryError.self) { try NumericValue(parsing: "9" + String(repeating: "9", count: 60)) }
        #expect(throws: BigQueryError.self) { try NumericValue(parsing: "1e99999") }
        #expect(try NumericValue(parsing: "1e-99999").canonical == "0")
        #expect(throws: BigQueryError.self) { try IntervalValue(parsing: "9223372036854775807-0 0 0:0:0") }
        #expect(throws: BigQueryError.self) { try StringFunctions.repeated("ab", .max) }
        #expect(throws: BigQueryError.self) { try DateTimeParser.timestamp("%s", "9999999999999999999", zone: .utc) }
        #expect(throws: BigQueryError.self) { try CivilDate(year: .max, month: 1, day: 1) }
        #expect(throws: BigQueryError.self) { try DateMath.add(CivilDate(days: 0), .min, .month) }
        #expect(throws: BigQueryError.self) {
            try FormatFunction.format(
                "%*d", [(type: .int64, value: .integer(.max)), (type: .int64, value: .integer(1))])
        }
        #expect(
            try FormatFunction.format(
                "%.*f|%*d",
                [
                    (type: .int64, value: .integer(-3)), (type: .float64, value: .real(1.5)),
                    (type: .int64, value: .integer(-4)), (type: .int64, value: .integer(7)),
                ]) == "1.500000|7   ")
    }
}
