import CBuildInfo

/// What this binary is: its version, the commit it was built from, and the C libraries it was compiled
/// against (headers seen at build time; the shared libraries loaded at run time may be newer).
enum BuildInfo {
    /// The release version; `VERSION` at the repository root holds the same (a test checks).
    static let version = "0.5.0"

    /// `git describe` at build time, or "unknown" for a plain `swift build`.
    static var gitDescribe: String { String(cString: bmrs_build_git_describe()) }

    /// The commit built from, or "unknown".
    static var gitCommit: String { String(cString: bmrs_build_git_commit()) }

    /// The SQLite, libcurl and zstd versions of the headers the binary was compiled against.
    static var libraries: [(name: String, version: String)] {
        let zstd = bmrs_build_zstd_version()
        return [
            ("sqlite", String(cString: bmrs_build_sqlite_version())),
            ("libcurl", String(cString: bmrs_build_curl_version())),
            ("zstd", "\(zstd / 10_000).\(zstd / 100 % 100).\(zstd % 100)"),
        ]
    }

    /// The text `bmrs --version` prints: the version on the first line, then one `name version` per line.
    static var versionText: String {
        var lines = ["bmrs \(version)"]
        lines.append("commit \(gitCommit)" + (gitDescribe == "unknown" ? "" : " (\(gitDescribe))"))
        for library in libraries { lines.append("\(library.name) \(library.version)") }
        return lines.joined(separator: "\n")
    }
}
