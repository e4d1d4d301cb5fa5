import Foundation
import Rows
import Store
import Sync
import TestSupport
import Testing

@testable import CLI

/// What no emulator does, against the request recorder: partition-load into `table$YYYYMMDD`, 409 on a
/// duplicate job id, resumable uploads, RUNNING-then-DONE polling and `errorResult` failures; requests checked
/// against the discovery document and the official Python client's captures.
@Suite struct SyncRecorderTests {
    let directory = TemporaryDirectory()
    let recorder: BigQueryRecorder
    let warehouse: Warehouse

    init() throws {
        recorder = try BigQueryRecorder()
        warehouse = try Warehouse(path: directory.file("store.sqlite"), access: .write)
        for name in ["FUELHH_2018-01-01.json", "FUELHH_2018-10-28.csv"] {
            _ = try warehouse.load(
                body: try TestSupport.fixtureBytes(name), source: name, dataset: Dataset.named("FUELHH")!)
        }
    }

    func runner(_ method: SyncMethod = .partitionLoad) -> SyncRunner {
        var options = SyncOptions(project: "test-project")
        options.location = "EU"
        options.method = method
        options.tables = ["bmrs_fuelhh"]
        let client = BigQueryClient(
            endpoint: BigQueryEndpoint(rootURL: recorder.root, isEmulator: false), project: "test-project",
            location: "EU", credentials: .accessToken("test-token", origin: "test"))
        client.firstPoll = 0.01
        client.firstRetryDelay = 0.01
        return SyncRunner(client: client, source: StoreSyncSource(warehouse), options: options)
    }

    static func discovery() throws -> [String: Any] {
        let data = try Data(TestSupport.fixtureBytes("bigquery-discovery-slice.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func properties(_ schema: String) throws -> Set<String> {
        let schemas = try discovery()["schemas"] as? [String: [String: Any]] ?? [:]
        return Set((schemas[schema]?["properties"] as? [String: Any] ?? [:]).keys)
    }

    /// A captured request: its request line and headers (names lower-cased) and body.
    static func capture(_ name: String) throws -> (line: String, headers: [String: String], body: Data) {
        let bytes = try TestSupport.fixtureBytes("bigquery-wire/" + name)
        let data = Data(bytes)
        let split = try #require(data.range(of: Data("\r\n\r\n".utf8)))
        let head = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return (head[0], headers, data[split.upperBound...])
    }

    /// The layout of a multipart/related body: each part's header names and content type, and the ending.
    static func multipartShape(_ body: Data, contentType: String) throws -> (parts: [[String]], end: String, json: Data)
    {
        let boundary = try #require(contentType.components(separatedBy: "boundary=").last)
            .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let text = String(decoding: body, as: UTF8.self)
        let pieces = text.components(separatedBy: "--" + boundary)
        var parts: [[String]] = []
        var json = Data()
        for piece in pieces.dropFirst().dropLast() {
            let headEnd = try #require(piece.range(of: "\r\n\r\n"))
            let head = piece[..<headEnd.lowerBound].components(separatedBy: "\r\n").filter { !$0.isEmpty }
            parts.append(head.map { $0.lowercased().components(separatedBy: ":")[0] })
            #expect(piece.hasSuffix("\r\n"), "each part ends with CRLF before the next delimiter")
            if parts.count == 1 { json = Data(piece[headEnd.upperBound...].utf8) }
        }
        return (parts, pieces.last ?? "", json)
    }

    @Test func partitionLoadSendsOneWriteTruncateLoadPerDayIntoTheDecoratorAsThePythonClientDoes() throws {
        let sync = runner()
        let summary = try sync.run(try sync.plan())
        #expect(summary.partitions == 2 && summary.failures.isEmpty && summary.counters.loadJobs == 2)
        #expect(summary.counters.queryJobs == 0)

        let requests = try recorder.requests()
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer test-token" })
        let uploads = requests.filter { $0.method == "POST" && $0.path.hasPrefix("/upload/") }
        #expect(uploads.count == 2)
        let python = try Self.capture("partition-load.multipart.req")
        let pythonPath = python.line.components(separatedBy: " ")[1]
        let pythonShape = try Self.multipartShape(python.body, contentType: python.headers["content-type"] ?? "")
        let loadKeys = try Self.properties("JobConfigurationLoad")
        let referenceKeys = try Self.properties("TableReference")
        for (upload, day) in zip(uploads, ["20180101", "20181028"]) {
            #expect(upload.path == pythonPath)
            let contentType = try #require(upload.headers["content-type"])
            #expect(contentType.hasPrefix("multipart/related; boundary=\""))
            let shape = try Self.multipartShape(upload.body, contentType: contentType)
            #expect(shape.parts == pythonShape.parts)
            #expect(shape.end == pythonShape.end && shape.end == "--")
            let ours = try #require(try JSONSerialization.jsonObject(with: shape.json) as? [String: Any])
            let theirs = try #require(try JSONSerialization.jsonObject(with: pythonShape.json) as? [String: Any])
            let load = try #require((ours["configuration"] as? [String: Any])?["load"] as? [String: Any])
            let pythonLoad = try #require((theirs["configuration"] as? [String: Any])?["load"] as? [String: Any])
            #expect(Set(load.keys).isSubset(of: loadKeys))
            let destination = try #require(load["destinationTable"] as? [String: String])
            #expect(Set(destination.keys).isSubset(of: referenceKeys))
            #expect(destination["tableId"] == "bmrs_fuelhh$\(day)")
            #expect(load["writeDisposition"] as? String == pythonLoad["writeDisposition"] as? String)
            #expect(load["sourceFormat"] as? String == pythonLoad["sourceFormat"] as? String)
            #expect(load["createDisposition"] as? String == "CREATE_NEVER")
            let reference = try #require(ours["jobReference"] as? [String: String])
            #expect(reference["location"] == "EU" && reference["projectId"] == "test-project")
            let jobID = try #require(reference["jobId"])
            #expect(jobID.count <= 1_024 && jobID.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        }
        // Polling as the official client does: jobs.get with the location (fake-ok capture).
        let pythonGet = try Self.capture("jobs-get.req").line
        #expect(pythonGet.contains("location=EU"))
        let polls = requests.filter { $0.method == "GET" && $0.path.contains("/jobs/") }
        #expect(!polls.isEmpty && polls.allSatisfy { $0.path.hasSuffix("?location=EU") })

        let again = runner()
        #expect(try again.run(try again.plan()).counters.loadJobs == 0)
    }

    @Test func aLostAnswerThenA409FindsTheJobThatRan() throws {
        try recorder.setFaults("{\"dropFirstUpload\":true}")
        let sync = runner()
        let summary = try sync.run(try sync.plan())
        #expect(summary.failures.isEmpty && summary.partitions == 2)
        let uploads = try recorder.requests().filter { $0.method == "POST" && $0.path.hasPrefix("/upload/") }
        #expect(uploads.count == 3)  // the first day's upload twice: the answer was lost, the retry got 409
        #expect(uploads[0].body == uploads[1].body)
        let records = try StoreSyncSource(warehouse).syncRecords(target: "test-project.uk_energy_insights.bmrs_fuelhh")
        #expect(records.count == 2 && records.values.allSatisfy { $0.jobID.hasSuffix("_0") })
    }

    @Test func aFailedJobShowsBigQuerysMessageAndTheNextRunRetriesUnderANewID() throws {
        try recorder.setFaults("{\"failJobs\":[\"bmrs_bmrs_fuelhh_load_\"]}")
        let first = runner()
        let failed = try first.run(try first.plan())
        #expect(failed.failures.count == 2 && failed.partitions == 0)
        #expect(failed.failures.allSatisfy { "\($0.error)".contains("Some rows belong to different partitions") })
        #expect(
            try StoreSyncSource(warehouse).syncRecords(target: "test-project.uk_energy_insights.bmrs_fuelhh").isEmpty)

        try recorder.setFaults("{}")
        let second = runner()
        var ids: [String] = []
        second.onEvent = { if case .loaded(_, let id, _) = $0 { ids.append(id) } }
        let summary = try second.run(try second.plan())
        #expect(summary.failures.isEmpty && summary.partitions == 2)
        #expect(ids.count == 2 && ids.allSatisfy { $0.hasSuffix("_1") })
    }

    @Test func largeUploadsUseTheResumableProtocolAsThePythonClientDoes() throws {
        let sync = runner(.merge)
        sync.client.resumableThreshold = 1
        let summary = try sync.run(try sync.plan())
        #expect(summary.failures.isEmpty && summary.counters.loadJobs == 1 && summary.counters.queryJobs == 1)
        let requests = try recorder.requests()
        let start = try #require(requests.first { $0.path.contains("uploadType=resumable") && $0.method == "POST" })
        let put = try #require(requests.first { $0.method == "PUT" })
        let pythonStart = try Self.capture("resumable-start.req")
        let pythonPut = try Self.capture("resumable-put.req")
        #expect(start.path == pythonStart.line.components(separatedBy: " ")[1])
        #expect(start.headers["x-upload-content-type"] == "application/octet-stream")
        #expect(pythonStart.headers["x-upload-content-type"] != nil)
        #expect(put.path.hasPrefix("/upload/bigquery/v2/projects/test-project/jobs?uploadType=resumable&upload_id="))
        #expect(pythonPut.line.contains("uploadType=resumable&upload_id="))
        let range = try #require(put.headers["content-range"])
        #expect(range == "bytes 0-\(put.body.count - 1)/\(put.body.count)")
        #expect(pythonPut.headers["content-range"]?.hasPrefix("bytes 0-") == true)
        let merge = try #require(
            requests.first { $0.method == "POST" && $0.path.hasSuffix("/projects/test-project/jobs") })
        #expect(merge.text.contains("ON FALSE") && merge.text.contains("NOT MATCHED BY SOURCE"))
        #expect(merge.text.contains("DATE '2018-01-01', DATE '2018-10-28'"))
        #expect(requests.contains { $0.method == "DELETE" && $0.path.contains("_bmrs_stage_bmrs_fuelhh_") })
    }
}
