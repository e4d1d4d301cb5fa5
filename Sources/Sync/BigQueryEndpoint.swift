/// Where BigQuery calls go: Google's API, or an emulator named by `BIGQUERY_EMULATOR_HOST`.
public struct BigQueryEndpoint: Sendable, Equatable {
    /// The API root, e.g. `https://bigquery.googleapis.com` (no trailing slash).
    public let rootURL: String
    /// True for an emulator: no credentials are sent.
    public let isEmulator: Bool

    /// Google's BigQuery API.
    public static let google = BigQueryEndpoint(rootURL: "https://bigquery.googleapis.com", isEmulator: false)

    /// Creates an endpoint.
    public init(rootURL: String, isEmulator: Bool) {
        var root = rootURL
        while root.hasSuffix("/") { root.removeLast() }
        self.rootURL = root
        self.isEmulator = isEmulator
    }

    /// The endpoint the official clients would use: `BIGQUERY_EMULATOR_HOST` (`host:port` or a URL) when set,
    /// else Google's API.
    public static func fromEnvironment(_ environment: [String: String]) -> BigQueryEndpoint {
        guard let host = environment["BIGQUERY_EMULATOR_HOST"], !host.isEmpty else { return .google }
        let root = host.hasPrefix("http://") || host.hasPrefix("https://") ? host : "http://" + host
        return BigQueryEndpoint(rootURL: root, isEmulator: true)
    }

    /// `/bigquery/v2/projects/{project}` under the root.
    func api(_ project: String) -> String { rootURL + "/bigquery/v2/projects/" + percentEncoded(project) }

    /// The media-upload path of `jobs.insert` (discovery: `mediaUpload.protocols.simple.path`).
    func upload(_ project: String) -> String {
        rootURL + "/upload/bigquery/v2/projects/" + percentEncoded(project) + "/jobs"
    }
}

/// `text` with everything but RFC 3986 unreserved characters percent-encoded (path segments, query values,
/// form fields).
func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let digits = Array("0123456789ABCDEF")
            out += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
        }
    }
    return out
}
