import CCrypto

/// SHA-256 through OpenSSL's EVP interface (libcrypto, which libcurl already links): partition content hashes,
/// archived response hashes, migration checksums.
///
/// Not `Sendable`: each hasher owns an OpenSSL context.
public final class SHA256 {
    private let context: OpaquePointer

    /// A fresh hasher.
    public init() {
        context = EVP_MD_CTX_new()
        // "EVP_DigestInit_ex() sets up digest context ctx to use a digest type."
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit {
        EVP_MD_CTX_free(context)
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
        EVP_DigestUpdate(context, raw.baseAddress, raw.count)
    }

    /// The 32-byte digest (the hasher is spent afterwards).
    public func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return Array(digest.prefix(Int(length)))
    }
}
