import Foundation

/// A store holding the 2018 FUELHH year, loaded once per test run by the real binary and shared (read-only);
/// removed when the test process exits.
public enum YearStore {
    private static let directory = NSTemporaryDirectory() + "bmrs-repl-year-\(getpid())"

    /// The store's path.
    public static let path: String = {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: YearStore.directory) }
        let store = directory + "/year.sqlite"
        let result = try? bmrs([
            "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018.json.zst"),
        ])
        precondition(result?.status == 0, "loading the year failed: \(result?.stderr ?? "no result")")
        return store
    }()
}
