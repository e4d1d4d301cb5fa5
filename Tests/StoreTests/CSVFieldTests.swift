import Store
import Testing

/// `csvField`, which `bmrs export --format csv` writes every text value through.
@Suite struct CSVFieldTests {
    /// CR LF is one Swift Character, equal to neither "\r" nor "\n": a Character-wise scan wrote it unquoted and
    /// split the record in two for every CSV reader.
    @Test func aFieldHoldingCRLFIsQuoted() {
        #expect(csvField("a\r\nb") == "\"a\r\nb\"")
        #expect(csvField("a\rb") == "\"a\rb\"")
        #expect(csvField("a\nb") == "\"a\nb\"")
    }

    /// A quote followed by a combining mark is one Character too; its quote must still be doubled.
    @Test func aQuoteWithACombiningMarkIsDoubled() {
        #expect(csvField("x\"\u{301},") == "\"x\"\"\u{301},\"")
        #expect(csvField("\u{301}\"") == "\"\u{301}\"\"\"")
    }

    @Test func plainFieldsAreLeftAlone() {
        #expect(csvField("WIND") == "WIND")
        #expect(csvField("") == "")
        #expect(csvField("über") == "über")
        #expect(csvField("a,b") == "\"a,b\"")
    }
}
