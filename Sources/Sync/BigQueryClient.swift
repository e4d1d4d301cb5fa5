import FoundationEssentials
import HTTP

/// A BigQuery REST v2 client over libcurl: the calls sync needs (`tables.get/insert/delete`, `jobs.insert` with
/// media upload, `jobs.get`, `jobs.getQueryResults`), retries of transient failures, errors carrying BigQuery's
/// message. Request and response shapes follow the discovery document (revision 20261009).
///
/// Not `Sendable`: it owns a libcurl handle.
public final class BigQueryClient {
    /// Where calls go.
    public let endpoint: BigQueryEndpoint
    /// The project jobs run in and tables belong to.
    public let project: String
    /// The dataset location (`EU`, `europe-west2`, ...), sent with every job; nil lets BigQuery decide.
    public let location: String?
    let credentials: Credentials
    let http: HTTPClient
    /// Uploads at least this large use the resumable protocol (the official client switches at 5 MiB).
    public var resumableThreshold = 5 << 20
    /// Seconds between the first polls of a running job (doubling up to `maximumPoll`).
    public var firstPoll = 0.5
    /// The longest pause between polls.
    public var maximumPoll = 8.0
    /// Tries of a call that failed transiently.
    public var attempts = 5
    /// Seconds before the first retry of a transient failure (doubling after each).
    public var firstRetryDelay = 1.0
    /// Counts of what this client did, for summaries and benchmarks.
    public internal(set) var counters = Counters()

    /// What a client did.
    public struct Counters: Sendable, Equatable {
        /// `jobs.insert` calls that created a load job.
        public var loadJobs = 0
        /// `jobs.insert` calls that created a query job.
        public var queryJobs = 0
        /// Bytes uploaded as load data.
        public var bytesUploaded = 0
        /// HTTP requests sent.
        public var requests = 0
    }

    /// Creates a client.
    public init(endpoint: BigQueryEndpoint, project: String, location: String?, credentials: Credentials) {
        self.endpoint = endpoint
        self.project = project
        self.location = location
        self.credentials = credentials
        var configuration = HTTPClient.Configuration()
        configuration.totalTimeout = 900
        configuration.userAgent = "bmrs-sync"
        http = HTTPClient(configuration: configuration)
    }

    /// Sends one call with credentials, retrying transient failures; throws BigQuery's error for any non-2xx
    /// answer except the statuses in `accepting`.
    func call(
        _ method: String, _ url: String, headers: [String] = [], body: [UInt8]? = nil, accepting: Set<Int> = []
    ) throws(SyncError) -> HTTPResponse {
        var delay = firstRetryDelay
        var attempt = 0
        while true {
            attempt += 1
            let failure: SyncError
            do {
                let response = try sendOnce(method, url, headers: headers, body: body)
                if (200..<300).contains(response.status) || accepting.contains(response.status) { return response }
                failure = Self.apiError(response, method: method, url: url)
            } catch {
                failure = error
            }
            guard failure.isTransient, attempt < attempts else { throw failure }
            LocalFile.pause(delay)
            delay *= 2
        }
    }

    private func sendOnce(_ method: String, _ url: String, headers: [String], body: [UInt8]?) throws(SyncError)
        -> HTTPResponse
    {
        var all = headers
        if let authorization = try credentials.authorization(using: http) {
            all.append("Authorization: " + authorization)
        }
        all.append("Accept: application/json")
        counters.requests += 1
        do {
            return try http.send(method: method, url: url, headers: all, body: body)
        } catch {
            throw SyncError(
                error.isTransient ? .network : .api, "\(method) failed: \(error.message)", context: Self.redacted(url))
        }
    }

    /// BigQuery's error for a non-2xx answer: its message and reason.
    static func apiError(_ response: HTTPResponse, method: String, url: String) -> SyncError {
        let body = try? JSONDecoder().decode(APIErrorBody.self, from: Data(response.body))
        let message = body?.error?.message ?? body?.error?.errors?.first?.message ?? "no error message"
        return SyncError(
            .api, "BigQuery answered \(method) with HTTP \(response.status): \(message)",
            context: redacted(url), reason: body?.error?.errors?.first?.reason, status: response.status)
    }

    /// The URL without its query (an upload session URI carries an upload id in its query).
    static func redacted(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        return String(url[..<question])
    }

    /// `tables.get`: the table resource JSON, or nil when the table does not exist.
    public func getTable(dataset: String, table: String) throws(SyncError) -> String? {
        let url = tableURL(dataset: dataset, table: table)
        let response = try call("GET", url, accepting: [404])
        return response.status == 404 ? nil : String(decoding: response.body, as: UTF8.self)
    }

    /// `tables.insert` with a table resource; false when the table already exists (409).
    @discardableResult
    public func insertTable(dataset: String, resourceJSON: String) throws(SyncError) -> Bool {
        let url = endpoint.api(project) + "/datasets/" + percentEncoded(dataset) + "/tables"
        let response = try call(
            "POST", url, headers: ["Content-Type: application/json; charset=UTF-8"], body: Array(resourceJSON.utf8),
            accepting: [409])
        return response.status != 409
    }

    /// `tables.delete`; a missing table is not an error.
    public func deleteTable(dataset: String, table: String) throws(SyncError) {
        _ = try call("DELETE", tableURL(dataset: dataset, table: table), accepting: [404])
    }

    func tableURL(dataset: String, table: String) -> String {
        endpoint.api(project) + "/datasets/" + percentEncoded(dataset) + "/tables/" + percentEncoded(table)
    }

    /// The `location` query parameter, when a location is set.
    var locationQuery: String { location.map { "location=" + percentEncoded($0) } ?? "" }
}
