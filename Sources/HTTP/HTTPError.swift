/// A transfer that did not produce a complete HTTP response.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: String, Sendable {
        /// The connect or total timeout passed.
        case timeout
        /// The connection could not be made, was reset, or closed before the whole body arrived.
        case connection
        /// Anything else libcurl reports (bad URL, TLS failure, ...).
        case other
    }

    /// What kind of failure.
    public let kind: Kind
    /// libcurl's explanation.
    public let message: String
    /// The URL requested.
    public let url: String

    /// Creates an error.
    public init(kind: Kind, message: String, url: String) {
        self.kind = kind
        self.message = message
        self.url = url
    }

    /// Timeouts and dropped connections are worth retrying.
    public var isTransient: Bool { kind != .other }

    public var description: String { "\(message) (\(url))" }
}

/// A complete HTTP response.
public struct HTTPResponse: Sendable {
    /// The status code.
    public let status: Int
    /// Response headers, names lower-cased (the last value of a repeated header wins).
    public let headers: [String: String]
    /// The body, with any Content-Encoding (gzip) already undone.
    public let body: [UInt8]
    /// Seconds from the start of the request to the end of the body.
    public let seconds: Double
    /// The HTTP version used, e.g. "1.1" or "2".
    public let httpVersion: String
    /// The URL requested.
    public let url: String
}
