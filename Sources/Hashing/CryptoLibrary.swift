import CCrypto

/// libcrypto's functions, loaded with `dlopen` on first use (see `Sources/CCrypto/include/shim.h`), so the commands
/// that hash nothing do not load OpenSSL. Thread-safe (a lazy global).
enum CryptoLibrary {
    /// The function table. A libcrypto that cannot be loaded ends the process as the dynamic loader would have
    /// (status 127, the reason on standard error): bmrs's runtime packages include it.
    static let api: bmrs_crypto_api = {
        let table = UnsafeMutablePointer<bmrs_crypto_api>.allocate(capacity: 1)
        defer { table.deallocate() }
        if let failure = bmrs_crypto_load(table) { bmrs_crypto_missing(failure) }
        // Every field is set when loading succeeded.
        return table.pointee
    }()
}
