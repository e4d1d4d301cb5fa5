import Foundation
import HTTP

/// The Insights API test server (Tools/insights_server.py) on 127.0.0.1, replaying real fixture data and
/// injecting faults on demand. It exits when this object is deallocated (its standard input closes).
public final class InsightsServer: @unchecked Sendable {
    // Safe: the process and pipe are set once in init; control calls make a client per call.
    /// The base URL to pass as --api-base.
    public let baseURL: String
    private let process: Process
    private let input: Pipe

    /// Starts the server with `data` (fixture file names) and waits until it listens.
    public init(data: [String] = ["FUELHH_2018.json.zst"]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", TestSupport.root + "/Tools/insights_server.py", "--port", "0"]
            + data.flatMap { ["--data", TestSupport.fixture($0)] }
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let reader = output.fileHandleForReading
        while !line.contains(0x0A) {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("LISTENING "), let port = Int(text.dropFirst(10)) else {
            process.terminate()
            throw TestFailure("the Insights test server did not start: '\(text)'")
        }
        baseURL = "http://127.0.0.1:\(port)"
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// Replaces the fault rules (`{"rules":[…]}` as the server documents them).
    public func setFaults(_ rules: String) throws {
        try post("/_control/faults", body: "{\"rules\":\(rules)}")
    }

    /// Clears rules and counters.
    public func reset() throws {
        try post("/_control/reset", body: "{}")
    }

    /// The request statistics.
    public func stats() throws -> [String: Any] {
        let response = try HTTPClient().get(baseURL + "/_control/stats")
        return (try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]) ?? [:]
    }

    /// Waits (without sleeping) until `count` faults were injected since the last reset: a fault is injected
    /// when its request reaches the server.
    public func waitForFaults(_ count: Int, timeout: Double = 60) throws {
        var configuration = HTTPClient.Configuration()
        configuration.totalTimeout = timeout + 10
        let response = try HTTPClient(configuration: configuration).get(
            baseURL + "/_control/wait?faults=\(count)&timeout=\(timeout)")
        guard response.status == 200 else {
            throw TestFailure("waiting for \(count) fault(s): \(String(decoding: response.body, as: UTF8.self))")
        }
    }

    /// Requests served since the last reset.
    public func requestCount() throws -> Int {
        try stats()["requests"] as? Int ?? -1
    }

    private func post(_ path: String, body: String) throws {
        let response = try HTTPClient().send(
            method: "POST", url: baseURL + path,
            headers: ["Content-Type: application/json"], body: Array(body.utf8))
        guard response.status == 200 else {
            throw TestFailure("\(path) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
    }
}

/// A failure of the test machinery itself.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
