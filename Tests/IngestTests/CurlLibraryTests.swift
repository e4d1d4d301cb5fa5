import Testing

@testable import HTTP

/// libcurl is opened with dlopen on first use, not linked: a missing library is an error on the request that
/// needed it, never a crash at start-up.
@Suite struct CurlLibraryTests {
    @Test func theInstalledLibraryLoadsAndNamesItsVersion() throws {
        let library = CurlLibrary.shared
        #expect(library.failure.isEmpty)
        _ = try library.require(for: "http://127.0.0.1/")
        #expect(HTTPClient.libraryVersion.hasPrefix("libcurl/"), "\(HTTPClient.libraryVersion)")
    }

    @Test func aMissingLibraryIsAOneLineErrorNamingItAndTheURL() {
        let library = CurlLibrary(fileName: "libcurl-bmrs-missing.so.4")
        #expect(library.api == nil)
        #expect(library.version == "libcurl (not loaded)")
        do {
            _ = try library.require(for: "https://example.invalid/x")
            Issue.record("no error for a missing libcurl")
        } catch {
            #expect(error.kind == .other)
            #expect(error.description.hasPrefix("cannot load libcurl-bmrs-missing.so.4 (install libcurl4): "))
            #expect(error.description.hasSuffix("(https://example.invalid/x)"))
            #expect(!error.description.contains("\n"))
        }
    }
}
