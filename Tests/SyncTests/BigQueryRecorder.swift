import Foundation
import HTTP
import TestSupport

/// Tools/bigquery_recorder.py on 127.0.0.1: answers like BigQuery's REST API and records every request. It exits
/// when this object is deallocated (its standard input closes).
final class BigQueryRecorder: @unchecked Sendable {
    // Safe: the process and pipe are set once in init; control calls make a client per call.
    let root: String
    private let process: Process
    private let input: Pipe

    /// A recorded request.
    struct Request {
        let method: String
        let path: String
        let headers: [String: String]
        let body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    init() throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", TestSupport.root + "/Tools/bigquery_recorder.py", "--port", "0", "--tables",
            TestSupport.root + "/Schema",
        ]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("LISTENING "), let port = Int(text.dropFirst(10)) else {
            process.terminate()
            throw TestFailure("the BigQuery recorder did not start: '\(text)'")
        }
        root = "http://127.0.0.1:\(port)"
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// Every request so far, in order.
    func requests() throws -> [Request] {
        let response = try HTTPClient().get(root + "/_control/requests")
        let list = try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
        return list.map {
            Request(
                method: $0["method"] as? String ?? "", path: $0["path"] as? String ?? "",
                headers: $0["headers"] as? [String: String] ?? [:],
                body: Data(base64Encoded: $0["body"] as? String ?? "") ?? Data())
        }
    }

    /// Sets the faults (`{"failJobs":[prefix], "dropFirstUpload":true, "refuseTokens":true}`).
    func setFaults(_ json: String) throws {
        _ = try HTTPClient().send(
            method: "POST", url: root + "/_control/faults", headers: ["Content-Type: application/json"],
            body: Array(json.utf8))
    }
}
