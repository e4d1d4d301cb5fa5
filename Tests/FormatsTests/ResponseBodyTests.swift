import Formats
import Foundation
import TestSupport
import Testing

@testable import Ingest

/// Telling a damaged body (retried) from a whole JSON body (parsed, and failed if its rows are wrong).
@Suite struct ResponseBodyTests {
    static let body = Array(
        #"{"data":[{"dataset":"FUELHH","settlementPeriod":1,"generation":-12.5e1,"x":null,"ok":true,"s":"a\"\u00e9\\"}]}"#
            .utf8)

    @Test func aWholeBodyIsWholeAndEveryCutOfItIsNot() {
        #expect(ResponseBody.isWholeJSON(Self.body))
        #expect(ResponseBody.isWholeJSON(Array("  [] \n".utf8)))
        #expect(ResponseBody.isWholeJSON(Array("{}".utf8)))
        for length in 0..<Self.body.count {
            #expect(!ResponseBody.isWholeJSON(Array(Self.body[..<length])), "cut at \(length)")
        }
    }

    @Test(arguments: [
        "<html><body>502 Bad Gateway</body></html>", #"{"data":[{"dataset":"FUELHH","#, "{\"data\":[]}{", "{\"a\" 1}",
        "[1,]", "{\"a\":1,}", "[\"a\u{01}\"]", "[\"\\x\"]", "[tru]", "[nul]", "[-]", "{1:2}", "[1 2]", "]", "",
    ])
    func damagedBodiesAreNotWhole(text: String) {
        #expect(!ResponseBody.isWholeJSON(Array(text.utf8)), "\(text)")
    }

    @Test func deepNestingNeitherCrashesNorPasses() {
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(!ResponseBody.isWholeJSON(deep))
        let whole = deep + [UInt8](repeating: UInt8(ascii: "]"), count: 100_000)
        #expect(ResponseBody.isWholeJSON(whole))
    }

    @Test func seededRandomCutsOfARealBodyAreNeverWhole() throws {
        var generator = SeededGenerator.fromEnvironment(test: "seededRandomCutsOfARealBodyAreNeverWhole")
        let seed = generator.seed
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/FUELHH_2018-01-01.json").path
        let body = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(ResponseBody.isWholeJSON(body))
        for _ in 0..<200 {
            let length = Int.random(in: 0..<body.count, using: &generator)
            let cut = Array(body[..<length])
            // A cut that ends in whitespace after the last bracket is the only way to stay whole.
            let rest = body[length...].allSatisfy { [0x20, 0x0A, 0x0D, 0x09].contains($0) }
            #expect(ResponseBody.isWholeJSON(cut) == rest, "cut at \(length), seed \(seed)")
        }
    }
}
