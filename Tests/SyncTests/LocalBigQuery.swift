import Foundation
import HTTP
import TestSupport
import Testing

/// The local-bigquery emulator (installed by Tools/install-local-bigquery.sh) on 127.0.0.1, one per test
/// process, stopped by PID when the process ends. Each test works in a dataset of its own.
final class LocalBigQuery: @unchecked Sendable {
    // Safe: every property is set once in init and never mutated.
    let host: String
    private let process: Process

    /// The emulator's install prefix: $BMRS_LOCAL_BIGQUERY, else ~/.cache/bmrs/local-bigquery.
    static var prefix: String {
        ProcessInfo.processInfo.environment["BMRS_LOCAL_BIGQUERY"]
            ?? (NSHomeDirectory() + "/.cache/bmrs/local-bigquery")
    }

    /// True when the emulator is installed; in CI (`CI=true` or `CI=1`) the tests run regardless, and fail if it is not.
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: prefix + "/venv/bin/local-bigquery")
            || ["true", "1"].contains(ProcessInfo.processInfo.environment["CI"] ?? "")
    }

    /// Why the emulator tests are skipped.
    static let skipReason: Comment =
        "local-bigquery is not installed (needs Python >= 3.13); run Tools/install-local-bigquery.sh to enable"

    /// The shared instance, started on first use.
    static let shared: Result<LocalBigQuery, TestFailure> = {
        do { return .success(try LocalBigQuery()) } catch let error as TestFailure { return .failure(error) } catch {
            return .failure(TestFailure("\(error)"))
        }
    }()

    private init() throws {
        let data = NSTemporaryDirectory() + "bmrs-lbq-\(getpid())"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        Self.dataDirectory = data
        atexit { LocalBigQuery.stopAll() }
        // A port derived from the pid; if another process holds it the emulator exits and the next is tried.
        var lastError = TestFailure("local-bigquery did not start")
        for attempt in 0..<3 {
            let port = 20_000 + Int((getpid() + Int32(attempt) * 7_919) % 20_000) * 2
            do {
                (process, host) = try Self.start(port: port, data: data)
                return
            } catch let error as TestFailure {
                lastError = error
            }
        }
        throw lastError
    }

    private static func start(port: Int, data: String) throws -> (Process, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: prefix + "/venv/bin/local-bigquery")
        process.arguments = [
            "serve", "--host", "127.0.0.1", "--port", String(port), "--grpc-port", String(port + 1), "--project",
            "test-project", "--dataset", "local", "--data-dir", data,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = prefix + "/duckhome"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw TestFailure(
                "cannot run \(prefix)/venv/bin/local-bigquery: \(error) (install it with Tools/install-local-bigquery.sh)"
            )
        }
        let host = "127.0.0.1:\(port)"
        // Wait until it answers (startup is 2-4 s), polling the datasets list.
        let client = HTTPClient()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let response = try? client.get("http://\(host)/bigquery/v2/projects/test-project/datasets"),
                response.status == 200
            {
                pids.append(process.processIdentifier)
                return (process, host)
            }
            guard process.isRunning else { throw TestFailure("local-bigquery exited at start-up on port \(port)") }
            usleep(100_000)
        }
        process.terminate()
        throw TestFailure("local-bigquery did not answer within 120 s on \(host)")
    }

    nonisolated(unsafe) static var pids: [Int32] = []

    nonisolated(unsafe) static var dataDirectory: String?

    static func stopAll() {
        // SIGKILL: a child of the test process inherits its blocked signals, so SIGTERM never arrives.
        for pid in pids { kill(pid, SIGKILL) }
        if let dataDirectory { try? FileManager.default.removeItem(atPath: dataDirectory) }
    }

    /// Creates a dataset and returns its name.
    func makeDataset(_ name: String) throws -> String {
        let body = "{\"datasetReference\":{\"projectId\":\"test-project\",\"datasetId\":\"\(name)\"}}"
        let response = try HTTPClient().send(
            method: "POST", url: "http://\(host)/bigquery/v2/projects/test-project/datasets",
            headers: ["Content-Type: application/json"], body: Array(body.utf8))
        guard response.status == 200 || response.status == 409 else {
            throw TestFailure("cannot create dataset \(name): HTTP \(response.status)")
        }
        return name
    }
}
