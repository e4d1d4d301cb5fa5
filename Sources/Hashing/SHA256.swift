import CCrypto

/// SHA-256 through OpenSSL's EVP interface (libcrypto, loaded on first use: see `Sources/CCrypto/include/shim.h`):
/// partition content hashes, archived response hashes, migration checksums.
///
/// Not `Sendable`: each hasher owns an OpenSSL context.
public final class SHA256 {
    private let crypto = CryptoLibrary.api
    private let context: OpaquePointer?

    /// A fresh hasher.
    public init() {
        context = crypto.md_ctx_new()
        // "EVP_DigestInit_ex() sets up digest context ctx to use a digest type."
        _ = crypto.digest_init_ex(context, crypto.sha256(), nil)
    }

    deinit {
        crypto.md_ctx_free(context)
    }

    /// The hex digest of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let hasher = SHA256()
        hasher.update(bytes)
        return hexString(hasher.finalize())
    }

    /// Lower-case hex of `bytes`.
    public static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Adds bytes to the message.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds bytes to the message.
    public func update(_ raw: UnsafeRawBufferPointer) {
        guard raw.count > 0 else { return }
        _ = crypto.digest_update(context, raw.baseAddress, raw.count)
    }

    /// The 32-byte digest (the hasher is spent afterwards).
    public func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = crypto.digest_final_ex(context, &digest, &length)
        return Array(digest.prefix(Int(length)))
    }
}
