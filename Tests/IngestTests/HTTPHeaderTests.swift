import HTTP
import TestSupport
import Testing

/// Response headers as the HTTP client hands them on: names lower-cased, values without the line's CRLF.
@Suite struct HTTPHeaderTests {
    @Test func headerValuesCarryNoLineEnding() throws {
        let server = try InsightsServer()
        let response = try HTTPClient().get(
            server.baseURL + "/datasets/FUELHH?settlementDateFrom=2018-01-01&settlementDateTo=2018-01-01&format=json")
        #expect(response.status == 200)
        let contentType = try #require(response.headers["content-type"])
        // Swift reads "\r\n" as one Character, so trimming "\r" and "\n" one at a time left both in place.
        #expect(!contentType.contains("\r") && !contentType.contains("\n"), "\(Array(contentType.utf8))")
        #expect(contentType.hasPrefix("application/json"))
    }
}
