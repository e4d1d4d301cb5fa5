import Foundation
import Ingest
import TestSupport
import Testing

/// The IMF-fixdate parser behind `Retry-After: <HTTP-date>` (RFC 7231 §7.1.1.1).
@Suite struct HTTPDateTests {
    @Test func readsTheRFCExampleAndTheEpoch() {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(HTTPDate.parse("Wed, 31 Dec 1969 23:59:59 GMT") == -1)
        #expect(HTTPDate.parse("Tue, 29 Feb 2000 12:00:00 GMT") == 951_825_600)
        #expect(HTTPDate.parse("Sat, 31 Dec 2016 23:59:60 GMT") == 1_483_228_800, "a leap second")
    }

    @Test(arguments: [
        "", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37 GMT ",
        "Mon, 06 Nov 1994 08:49:37 GMT", "sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994", "Thu, 30 Feb 2000 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:37 GMT", "Sun, 06 Nov 1994 08:49:61 GMT", "Sun, 06 Nov 1994 08-49-37 GMT",
        "Sun, 06 Nov 19x4 08:49:37 GMT", "Sun, 00 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 +8:49:37 GMT",
        "Sat, 00 Jan 0000 00:00:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMTX",
    ])
    func refusesAnythingButAnIMFFixdate(text: String) {
        #expect(HTTPDate.parse(text) == nil, "\(text)")
    }

    @Test func agreesWithFoundationOnSeededRandomInstants() throws {
        var generator = SeededGenerator.fromEnvironment(test: "agreesWithFoundationOnSeededRandomInstants")
        let seed = generator.seed
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        for _ in 0..<2_000 {
            let seconds = Int64.random(in: -2_000_000_000...10_000_000_000, using: &generator)
            let text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(HTTPDate.string(seconds) == text, "seed \(seed)")
            #expect(HTTPDate.parse(text) == seconds, "\(text), seed \(seed)")
        }
    }
}
