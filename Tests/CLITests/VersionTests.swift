import Foundation
import TestSupport
import Testing

/// `bmrs --version`: the release version, the commit and the C libraries the binary was compiled against.
@Suite struct VersionTests {
    @Test func versionNamesTheReleaseTheCommitAndTheLibraries() throws {
        let result = try bmrs(["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let version = try String(contentsOfFile: TestSupport.root + "/VERSION", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(lines.first == "bmrs \(version)", "VERSION and BuildInfo.version disagree: \(lines)")
        #expect(lines.contains { $0.hasPrefix("commit ") })
        for library in ["sqlite 3.", "libcurl ", "zstd 1."] {
            #expect(lines.contains { $0.hasPrefix(library) }, "\(library) missing from \(lines)")
        }
    }
}
