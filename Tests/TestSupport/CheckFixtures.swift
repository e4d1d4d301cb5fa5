import Foundation

/// Copies of the real fixtures with periods removed, values corrupted or restated, loaded into real stores.
public struct CheckFixtures {
    public let directory = TemporaryDirectory()

    /// Fixtures in a new temporary directory.
    public init() {}

    /// The store path.
    public var store: String { directory.file("store.sqlite") }

    /// Runs `bmrs` with the clock set to `now`.
    public func check(_ arguments: [String], now: String = "2019-06-01T12:00:00Z", environment: [String: String] = [:])
        throws -> ProcessResult
    {
        var env = environment
        env["BMRS_NOW"] = now
        env["NO_COLOR"] = "1"
        return try bmrs(["check", "--store", store] + arguments, environment: env)
    }

    /// Loads files into the store; fails the test machinery when the load fails.
    public func load(_ files: [String], dataset: String? = nil) throws {
        let result = try bmrs(["load", "--store", store] + (dataset.map { ["--dataset", $0] } ?? []) + files)
        guard result.status == 0 else { throw TestFailure("load failed: \(result.stderr)") }
    }

    /// The 2018-10-28 CSV (50 periods × 15 fuel types), each data line given to `edit` as its fields
    /// (publishTime, startTime, date, period, fuelType, generation at 1...6); returning nil drops the line.
    public func autumnDay(_ name: String = "autumn.csv", _ edit: ([String]) -> [String]? = { $0 }) throws -> String {
        let text = try String(contentsOfFile: TestSupport.fixture("FUELHH_2018-10-28.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        let kept = lines.compactMap { line in
            edit(line.split(separator: ",", omittingEmptySubsequences: false).map(String.init))?.joined(separator: ",")
        }
        return try directory.write(name, ([header] + kept).joined(separator: "\n") + "\n")
    }

    /// The 2018 FUELHH year, loaded once per test process (a copy is taken with `bmrs backup`).
    public static let year: Result<String, TestFailure> = {
        let path = yearDirectory.file("year.sqlite")
        let result = try? bmrs(
            ["load", "--store", path, "--dataset", "FUELHH", TestSupport.fixture("FUELHH_2018.json.zst")])
        guard result?.status == 0 else { return .failure(TestFailure("cannot load the year: \(result?.stderr ?? "")")) }
        return .success(path)
    }()
    /// Where the year lives for the whole test process.
    private static let yearDirectory = TemporaryDirectory()

    /// Makes the store a copy of the 2018 FUELHH year.
    public func copyYear() throws {
        let source = try Self.year.get()
        let result = try bmrs(["backup", "--store", source, store])
        guard result.status == 0 else { throw TestFailure("backup failed: \(result.stderr)") }
    }

    /// Parses JSON output.
    public static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    /// The findings of a JSON report.
    public static func findings(_ text: String) throws -> [[String: Any]] {
        try json(text)["findings"] as? [[String: Any]] ?? []
    }

    /// The value of a metric in a JSON report, matched by name and labels.
    public static func metric(_ text: String, _ name: String, _ labels: [String: String] = [:]) throws -> Double? {
        let metrics = try json(text)["metrics"] as? [[String: Any]] ?? []
        for metric in metrics where metric["name"] as? String == name {
            let have = metric["labels"] as? [String: String] ?? [:]
            if labels.allSatisfy({ have[$0.key] == $0.value }) { return (metric["value"] as? NSNumber)?.doubleValue }
        }
        return nil
    }
}
