import BigQueryDDL

/// `text` as a JSON string literal.
func jsonString(_ text: String) -> String { jsonStringLiteral(text) }

/// A job as `jobs.insert` / `jobs.get` return it (discovery `Job`; only the members bmrs reads).
public struct BigQueryJob: Decodable, Sendable {
    /// The job's identity.
    public var jobReference: JobReference?
    /// Its state and errors.
    public var status: JobStatus?
    /// Its statistics once done.
    public var statistics: JobStatistics?

    /// True when `status.state` is `DONE`.
    public var isDone: Bool { status?.state == "DONE" }
    /// The failure, when the job is done and failed.
    public var failure: ErrorProto? { isDone ? status?.errorResult : nil }
}

/// Discovery `JobReference`.
public struct JobReference: Codable, Sendable {
    /// The project.
    public var projectId: String
    /// The job id.
    public var jobId: String
    /// The location, e.g. `EU`.
    public var location: String?
}

/// Discovery `JobStatus`.
public struct JobStatus: Decodable, Sendable {
    /// `PENDING`, `RUNNING` or `DONE`.
    public var state: String?
    /// Present when the job failed.
    public var errorResult: ErrorProto?
    /// The first errors met (not necessarily fatal).
    public var errors: [ErrorProto]?
}

/// Discovery `ErrorProto`.
public struct ErrorProto: Decodable, Sendable {
    /// A short code, e.g. `invalid`.
    public var reason: String?
    /// Where the error occurred.
    public var location: String?
    /// BigQuery's message.
    public var message: String?
}

/// Discovery `JobStatistics` (the parts bmrs shows).
public struct JobStatistics: Decodable, Sendable {
    /// Load statistics.
    public var load: LoadStatistics?
}

/// Discovery `JobStatistics3`.
public struct LoadStatistics: Decodable, Sendable {
    /// Rows loaded (int64 as a string).
    public var outputRows: String?
    /// Bytes read from the upload.
    public var inputFileBytes: String?
}

/// An HTTP-level error body (`{"error":{code,message,errors:[ErrorProto]}}`).
struct APIErrorBody: Decodable {
    struct Inner: Decodable {
        var code: Int?
        var message: String?
        var errors: [ErrorProto]?
    }
    var error: Inner?
}

/// The answer of `jobs.getQueryResults` (discovery `GetQueryResultsResponse`; rows as text).
struct QueryResultsPage: Decodable {
    var jobComplete: Bool?
    var rows: [QueryRow]?
    var pageToken: String?
}

/// One row: `{"f":[{"v":…}]}`.
struct QueryRow: Decodable {
    var f: [QueryCell]
}

/// One cell; BigQuery sends scalars as strings, an emulator may send numbers.
struct QueryCell: Decodable {
    var v: String?

    enum CodingKeys: String, CodingKey { case v }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if (try? container.decodeNil(forKey: .v)) ?? true {
            v = nil
        } else if let text = try? container.decode(String.self, forKey: .v) {
            v = text
        } else if let integer = try? container.decode(Int64.self, forKey: .v) {
            v = String(integer)
        } else if let number = try? container.decode(Double.self, forKey: .v) {
            v = String(number)
        } else if let flag = try? container.decode(Bool.self, forKey: .v) {
            v = flag ? "true" : "false"
        } else {
            v = nil
        }
    }
}
