import CCurl

/// libcurl, opened with `dlopen` the first time a client needs it (see `Sources/CCurl/include/shim.h`): a
/// process that never fetches anything, such as `bmrs query`, does not pay for loading libcurl and the libraries
/// it depends on.
///
/// Loaded once per process, thread-safe (a lazy global); `curl_global_init` runs right after the load ("must be
/// called at least once within a program before the program calls any other function in libcurl").
final class CurlLibrary: @unchecked Sendable {
    // Safe: `api` is written once, before `shared` is published, and only read after.
    /// The shared library's file name (the soname Debian's libcurl4 installs).
    static let fileName = "libcurl.so.4"

    /// The loaded library, or why it could not be loaded.
    static let shared = CurlLibrary(fileName: fileName)

    /// The function table, nil when loading failed.
    let api: UnsafePointer<bmrs_curl_api>?
    /// Why loading failed ("" when it did not).
    let failure: String

    /// Loads `fileName` and initialises libcurl's global state.
    init(fileName: String) {
        let table = UnsafeMutablePointer<bmrs_curl_api>.allocate(capacity: 1)
        table.initialize(to: bmrs_curl_api())
        if let error = bmrs_curl_load(fileName, table) {
            table.deallocate()
            api = nil
            failure = "cannot load \(fileName) (install libcurl4): \(String(cString: error))"
        } else if let globalInit = table.pointee.global_init, globalInit(Int(CURL_GLOBAL_DEFAULT)) != CURLE_OK {
            table.deallocate()
            api = nil
            failure = "cannot initialise \(fileName) (curl_global_init failed)"
        } else {
            api = UnsafePointer(table)
            failure = ""
        }
    }

    /// The function table, or an error naming the library and `url` (the request that needed it).
    func require(for url: String) throws(HTTPError) -> UnsafePointer<bmrs_curl_api> {
        guard let api else { throw HTTPError(kind: .other, message: failure, url: url) }
        return api
    }

    /// libcurl's version string (e.g. "libcurl/7.88.1 OpenSSL/3.0.15 zlib/1.2.13 nghttp2/1.52.0"), or
    /// "libcurl (not loaded)".
    var version: String {
        guard let version = api?.pointee.version, let text = version() else { return "libcurl (not loaded)" }
        return String(cString: text)
    }
}
