import CCurl

/// One reusable HTTP connection (a libcurl easy handle): keep-alive, HTTP/2 where offered over TLS,
/// gzip accepted, connect and total timeouts, TLS verification always on.
///
/// libcurl is loaded on first use (`CurlLibrary`); when it cannot be loaded, every request fails with an
/// `HTTPError` that says so.
///
/// Not `Sendable`: each worker thread owns its own client.
public final class HTTPClient {
    /// Settings for every request of a client.
    public struct Configuration: Sendable {
        /// Seconds allowed to connect.
        public var connectTimeout: Double = 10
        /// Seconds allowed for a whole request.
        public var totalTimeout: Double = 120
        /// The User-Agent header.
        public var userAgent: String = "bmrs"

        /// Default settings.
        public init() {}
    }

    private let curl: UnsafePointer<bmrs_curl_api>?
    /// The easy handle, nil when libcurl could not be loaded or could not make one.
    private let handle: UnsafeMutableRawPointer?
    private let configuration: Configuration
    /// libcurl writes its error text here; it must outlive every transfer.
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    /// Creates a client.
    public init(configuration: Configuration = Configuration()) {
        curl = CurlLibrary.shared.api
        handle = curl?.pointee.easy_init?()
        self.configuration = configuration
    }

    deinit {
        if let handle { curl?.pointee.easy_cleanup?(handle) }
        errorBuffer.deallocate()
    }

    /// Sends a GET request and waits for the whole response.
    public func get(_ url: String, headers: [String] = []) throws(HTTPError) -> HTTPResponse {
        try send(method: "GET", url: url, headers: headers, body: nil)
    }

    /// Sends a request (with `body` for POST, PUT, PATCH) and waits for the whole response.
    public func send(method: String, url: String, headers: [String] = [], body: [UInt8]?) throws(HTTPError)
        -> HTTPResponse
    {
        let curl = try CurlLibrary.shared.require(for: url)
        guard let handle, let reset = curl.pointee.easy_reset, let append = curl.pointee.slist_append,
            let freeAll = curl.pointee.slist_free_all, let perform = curl.pointee.easy_perform,
            let strerror = curl.pointee.easy_strerror
        else {
            throw HTTPError(kind: .other, message: "libcurl could not create a handle (curl_easy_init)", url: url)
        }
        func describe(_ code: CURLcode) -> String {
            strerror(code).map { String(cString: $0) } ?? "libcurl error \(code.rawValue)"
        }
        reset(handle)
        let sink = ResponseSink()
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for header in headers { list = append(list, header) }
        defer { freeAll(list) }
        errorBuffer[0] = 0
        var rc = CURLE_OK
        func set(_ code: CURLcode) { if rc == CURLE_OK { rc = code } }
        set(bmrs_curl_setopt_string(curl, handle, CURLOPT_URL, url))
        set(bmrs_curl_setopt_string(curl, handle, CURLOPT_USERAGENT, configuration.userAgent))
        // "" asks for every encoding libcurl can decode (gzip, deflate, ...) and decodes the body.
        set(bmrs_curl_setopt_string(curl, handle, CURLOPT_ACCEPT_ENCODING, ""))
        set(bmrs_curl_setopt_long(curl, handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
        set(bmrs_curl_setopt_long(curl, handle, CURLOPT_SSL_VERIFYPEER, 1))
        set(bmrs_curl_setopt_long(curl, handle, CURLOPT_SSL_VERIFYHOST, 2))
        set(bmrs_curl_setopt_long(curl, handle, CURLOPT_FOLLOWLOCATION, 1))
        set(bmrs_curl_setopt_long(curl, handle, CURLOPT_MAXREDIRS, 5))
        // "CURLOPT_NOSIGNAL … set to 1 in multi-threaded programs": no SIGALRM for timeouts.
        set(bmrs_curl_setopt_long(curl, handle, CURLOPT_NOSIGNAL, 1))
        set(bmrs_curl_setopt_long(curl, handle, CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000)))
        set(bmrs_curl_setopt_long(curl, handle, CURLOPT_TIMEOUT_MS, Int(configuration.totalTimeout * 1000)))
        set(bmrs_curl_setopt_long(curl, handle, CURLOPT_TCP_KEEPALIVE, 1))
        set(bmrs_curl_setopt_slist(curl, handle, CURLOPT_HTTPHEADER, list))
        if method != "GET" { set(bmrs_curl_setopt_string(curl, handle, CURLOPT_CUSTOMREQUEST, method)) }
        // The request body must stay alive until the transfer ends; libcurl copies it with COPYPOSTFIELDS.
        if let body {
            set(bmrs_curl_setopt_long(curl, handle, CURLOPT_POSTFIELDSIZE, body.count))
            body.withUnsafeBytes { raw in
                set(
                    bmrs_curl_setopt_pointer(
                        curl, handle, CURLOPT_COPYPOSTFIELDS,
                        UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(errorBuffer))))
            }
        }
        set(
            bmrs_curl_setopt_write_function(
                curl, handle, CURLOPT_WRITEFUNCTION,
                { data, size, count, context in
                    let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
                    let n = size * count
                    if n > 0, let data { sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: n)) }
                    return n
                }))
        set(bmrs_curl_setopt_pointer(curl, handle, CURLOPT_WRITEDATA, sinkPointer))
        set(
            bmrs_curl_setopt_write_function(
                curl, handle, CURLOPT_HEADERFUNCTION,
                { data, size, count, context in
                    let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
                    let n = size * count
                    if n > 0, let data { sink.header(UnsafeRawBufferPointer(start: data, count: n)) }
                    return n
                }))
        set(bmrs_curl_setopt_pointer(curl, handle, CURLOPT_HEADERDATA, sinkPointer))
        set(bmrs_curl_setopt_pointer(curl, handle, CURLOPT_ERRORBUFFER, errorBuffer))
        guard rc == CURLE_OK else {
            throw HTTPError(
                kind: .other, message: "cannot set up the request: \(describe(rc))",
                url: url)
        }
        let result = perform(handle)
        guard result == CURLE_OK else {
            let detail =
                errorBuffer[0] != 0 ? String(cString: errorBuffer) : describe(result)
            throw HTTPError(kind: Self.kind(of: result), message: detail, url: url)
        }
        var status = 0
        var version = 0
        var total = 0.0
        _ = bmrs_curl_getinfo_long(curl, handle, CURLINFO_RESPONSE_CODE, &status)
        _ = bmrs_curl_getinfo_long(curl, handle, CURLINFO_HTTP_VERSION, &version)
        _ = bmrs_curl_getinfo_double(curl, handle, CURLINFO_TOTAL_TIME, &total)
        let versionText: String
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): versionText = "1.0"
        case Int(CURL_HTTP_VERSION_2_0): versionText = "2"
        case Int(CURL_HTTP_VERSION_3): versionText = "3"
        default: versionText = "1.1"
        }
        return HTTPResponse(
            status: status, headers: sink.headers, body: sink.body, seconds: total,
            httpVersion: versionText, url: url)
    }

    static func kind(of code: CURLcode) -> HTTPError.Kind {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING,
            CURLE_COULDNT_RESOLVE_HOST, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .connection
        default: return .other
        }
    }

    /// libcurl's version string, e.g. "libcurl/7.88.1 OpenSSL/3.0.15 zlib/1.2.13 nghttp2/1.52.0".
    /// Loads libcurl when it is not loaded yet.
    public static var libraryVersion: String { CurlLibrary.shared.version }
}

/// Collects one response's headers and body during `curl_easy_perform`.
private final class ResponseSink {
    var body: [UInt8] = []
    var headers: [String: String] = [:]

    func header(_ line: UnsafeRawBufferPointer) {
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            headers = [:]  // a new response (after a redirect or 100-continue)
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = text[..<colon].lowercased()
        let value = text[text.index(after: colon)...].trimmingWhitespace
        headers[name] = value
    }
}

extension Substring {
    var trimmingWhitespace: String {
        var s = self
        // `Character.isWhitespace`, not a comparison with "\r": Swift reads "\r\n" as one Character.
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
