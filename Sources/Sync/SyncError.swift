/// Why a sync could not be done: one sentence saying what failed and where (URL, job, table, day).
///
/// Messages never contain credentials: access tokens, refresh tokens, private keys and client secrets are
/// never put into an error.
public struct SyncError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable {
        /// No usable credentials, or the token endpoint refused them.
        case auth
        /// BigQuery answered an API call with an error.
        case api
        /// A job finished with `status.errorResult`.
        case jobFailed
        /// The remote table's schema differs from the catalog's.
        case schemaMismatch
        /// The network failed (after retries).
        case network
        /// The local store could not be read or written.
        case store
        /// Bad options or input.
        case usage
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, for a person.
    public let message: String
    /// The URL, job id, table or day concerned, when there is one.
    public let context: String?
    /// BigQuery's `reason` (`notFound`, `duplicate`, `invalid`, ...), when known.
    public let reason: String?
    /// The HTTP status, when the failure was an HTTP answer.
    public let status: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, context: String? = nil, reason: String? = nil, status: Int? = nil) {
        self.code = code
        self.message = message
        self.context = context
        self.reason = reason
        self.status = status
    }

    /// True for BigQuery's retryable answers (rate limits, backend errors, 429/5xx) and dropped connections.
    public var isTransient: Bool {
        if code == .network { return true }
        if let status, [429, 500, 502, 503, 504].contains(status) { return true }
        if let reason, Self.transientReasons.contains(reason) { return true }
        return false
    }

    static let transientReasons: Set<String> = [
        "rateLimitExceeded", "backendError", "internalError", "badGateway", "jobBackendError", "jobInternalError",
        "jobRateLimitExceeded",
    ]

    public var description: String {
        var text = message
        if let reason { text += " [\(reason)]" }
        if let context { text += " (\(context))" }
        return text
    }
}
