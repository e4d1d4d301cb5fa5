import FoundationEssentials
import HTTP
import Hashing

extension BigQueryClient {
    /// The outcome of `insertJob`.
    public struct Submission: Sendable {
        /// The job as BigQuery reports it after the insert (or the `jobs.get` after a 409).
        public let job: BigQueryJob
        /// True when the job already existed (409 `duplicate`): a rerun found a job an earlier run created.
        public let existed: Bool
    }

    /// `jobs.insert` with the job configuration `configurationJSON` (the value of `configuration`) under the
    /// deterministic `jobID`. With `data`, a load job: multipart upload, or resumable above `resumableThreshold`.
    /// A 409 (the id exists) is answered with `jobs.get` of that job.
    public func insertJob(id jobID: String, configurationJSON: String, data: [UInt8]? = nil) throws(SyncError)
        -> Submission
    {
        var reference = "{\"projectId\":\(jsonString(project)),\"jobId\":\(jsonString(jobID))"
        if let location { reference += ",\"location\":\(jsonString(location))" }
        let resource = "{\"jobReference\":\(reference)},\"configuration\":\(configurationJSON)}"
        let response: HTTPResponse
        if let data {
            response =
                data.count >= resumableThreshold
                ? try resumableUpload(resource: resource, data: data)
                : try multipartUpload(resource: resource, data: data)
            counters.bytesUploaded += data.count
        } else {
            response = try call(
                "POST", endpoint.api(project) + "/jobs", headers: ["Content-Type: application/json; charset=UTF-8"],
                body: Array(resource.utf8), accepting: [409])
        }
        if response.status == 409 { return Submission(job: try getJob(id: jobID), existed: true) }
        if data != nil { counters.loadJobs += 1 } else { counters.queryJobs += 1 }
        return Submission(job: try decodeJob(response.body, context: jobID), existed: false)
    }

    /// `POST /upload/…/jobs?uploadType=multipart`: a `multipart/related` body of the job JSON and the data.
    func multipartUpload(resource: String, data: [UInt8]) throws(SyncError) -> HTTPResponse {
        let boundary = Self.boundary(for: data)
        var body: [UInt8] = []
        body.reserveCapacity(data.count + resource.utf8.count + 256)
        body += Array("--\(boundary)\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n".utf8)
        body += Array(resource.utf8)
        body += Array("\r\n--\(boundary)\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += data
        body += Array("\r\n--\(boundary)--".utf8)
        return try call(
            "POST", endpoint.upload(project) + "?uploadType=multipart",
            headers: ["Content-Type: multipart/related; boundary=\"\(boundary)\""], body: body, accepting: [409])
    }

    /// A boundary that does not occur in `data` (derived from its hash, so requests are reproducible).
    static func boundary(for data: [UInt8]) -> String {
        "===============bmrs" + String(SHA256.hex(data).prefix(24)) + "=="
    }

    /// The resumable protocol: a POST opens a session (its URI in `Location`), one PUT sends all the bytes.
    func resumableUpload(resource: String, data: [UInt8]) throws(SyncError) -> HTTPResponse {
        let open = try call(
            "POST", endpoint.upload(project) + "?uploadType=resumable",
            headers: [
                "Content-Type: application/json; charset=UTF-8", "X-Upload-Content-Type: application/octet-stream",
                "X-Upload-Content-Length: \(data.count)",
            ], body: Array(resource.utf8), accepting: [409])
        if open.status == 409 { return open }
        // HTTPClient keeps a header's line end ("\r\n" is one Character, which its trimming misses).
        let session = String((open.headers["location"] ?? "").unicodeScalars.filter { $0.value > 0x20 })
        guard !session.isEmpty else {
            throw SyncError(
                .api, "the resumable upload answer has no Location header", context: endpoint.upload(project))
        }
        return try call(
            "PUT", session,
            headers: [
                "Content-Type: application/octet-stream", "Content-Range: bytes 0-\(data.count - 1)/\(data.count)",
            ],
            body: data)
    }

    /// `jobs.get`.
    public func getJob(id jobID: String) throws(SyncError) -> BigQueryJob {
        var url = endpoint.api(project) + "/jobs/" + percentEncoded(jobID)
        if location != nil { url += "?" + locationQuery }
        let response = try call("GET", url)
        return try decodeJob(response.body, context: jobID)
    }

    /// Polls `jobs.get` until the job is `DONE` (pauses from `firstPoll`, doubling to `maximumPoll`).
    public func waitForJob(_ job: BigQueryJob, id jobID: String) throws(SyncError) -> BigQueryJob {
        var current = job
        var delay = firstPoll
        while !current.isDone {
            LocalFile.pause(delay)
            delay = min(delay * 2, maximumPoll)
            current = try getJob(id: jobID)
        }
        return current
    }

    func decodeJob(_ body: [UInt8], context: String) throws(SyncError) -> BigQueryJob {
        do {
            return try JSONDecoder().decode(BigQueryJob.self, from: Data(body))
        } catch {
            throw SyncError(.api, "BigQuery's job resource cannot be read", context: "job \(context)")
        }
    }

    /// Runs a standard-SQL query job under `jobID` and returns its rows as text (NULL as nil).
    public func queryRows(id jobID: String, sql: String) throws(SyncError) -> [[String?]] {
        let configuration = "{\"query\":{\"query\":\(jsonString(sql)),\"useLegacySql\":false}}"
        let submission = try insertJob(id: jobID, configurationJSON: configuration)
        let job = try waitForJob(submission.job, id: jobID)
        if let failure = job.failure { throw Self.jobError(failure, jobID: jobID) }
        var rows: [[String?]] = []
        var pageToken: String? = nil
        repeat {
            var url = endpoint.api(project) + "/queries/" + percentEncoded(jobID) + "?maxResults=50000"
            if location != nil { url += "&" + locationQuery }
            if let pageToken { url += "&pageToken=" + percentEncoded(pageToken) }
            let response = try call("GET", url)
            guard let page = try? JSONDecoder().decode(QueryResultsPage.self, from: Data(response.body)) else {
                throw SyncError(.api, "BigQuery's query results cannot be read", context: "job \(jobID)")
            }
            guard page.jobComplete ?? true else { continue }
            rows += (page.rows ?? []).map { $0.f.map(\.v) }
            pageToken = page.pageToken
        } while pageToken != nil
        return rows
    }

    /// A failed job's error, carrying BigQuery's message.
    static func jobError(_ failure: ErrorProto, jobID: String) -> SyncError {
        SyncError(
            .jobFailed, "BigQuery job failed: \(failure.message ?? "no message")", context: "job \(jobID)",
            reason: failure.reason)
    }
}
