import Foundation
import TestSupport

/// A store holding the 2018 FUELHH year, loaded once per test run by the real binary and shared (read-only).
enum YearStore {
    /// The store's path.
    static let path: String = {
        let directory = NSTemporaryDirectory() + "bmrs-repl-year-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = directory + "/year.sqlite"
        let result = try? bmrs([
            "load", "--store", store, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018.json.zst"),
        ])
        precondition(result?.status == 0, "loading the year failed: \(result?.stderr ?? "no result")")
        return store
    }()
}
