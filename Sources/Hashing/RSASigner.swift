import CCrypto

/// RS256 signatures (RSASSA-PKCS1-v1_5 with SHA-256) through OpenSSL's EVP interface, for the service-account
/// JWTs that BigQuery's token endpoint accepts. The key never leaves this object and never appears in an error.
///
/// Not `Sendable`: it owns an OpenSSL key.
public final class RSASigner {
    /// Why a key could not be read or used; the message never contains key material.
    public struct KeyError: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    private let crypto = CryptoLibrary.api
    private let key: OpaquePointer

    /// Reads an unencrypted RSA private key from PEM text (`-----BEGIN PRIVATE KEY-----`, PKCS#8, as in a
    /// service-account key file, or `-----BEGIN RSA PRIVATE KEY-----`, PKCS#1).
    public init(pem: String) throws(KeyError) {
        guard let der = Self.derBytes(pem: pem) else {
            throw KeyError(description: "the private key is not PEM text (no BEGIN/END PRIVATE KEY block)")
        }
        let parsed = der.withUnsafeBufferPointer { [crypto] buffer -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            guard cursor != nil else { return nil }
            // "d2i_AutoPrivateKey() … attempts to automatically detect the private key format" (PKCS#8 or
            // the traditional per-algorithm form).
            return crypto.d2i_auto_private_key(nil, &cursor, buffer.count)
        }
        guard let parsed else { throw KeyError(description: "the private key cannot be decoded") }
        // NID_rsaEncryption is 6 ("rsaEncryption", obj_mac.h).
        guard crypto.pkey_get_base_id(parsed) == 6 else {
            crypto.pkey_free(parsed)
            throw KeyError(description: "the private key is not an RSA key")
        }
        key = parsed
    }

    deinit {
        crypto.pkey_free(key)
    }

    /// The RS256 signature of `message`.
    public func sign(_ message: [UInt8]) throws(KeyError) -> [UInt8] {
        guard let context = crypto.md_ctx_new() else {
            throw KeyError(description: "cannot allocate a signing context")
        }
        defer { crypto.md_ctx_free(context) }
        // "EVP_DigestSignInit() sets up signing context ctx to use digest type … and private key pkey";
        // RSA keys sign with PKCS#1 v1.5 padding by default.
        guard crypto.digest_sign_init(context, nil, crypto.sha256(), nil, key) == 1 else {
            throw KeyError(description: "cannot start an RS256 signature")
        }
        var length = 0
        let ok = message.withUnsafeBufferPointer { input -> Bool in
            // With a NULL signature buffer, "the maximum size of the output buffer is written to siglen".
            guard crypto.digest_sign(context, nil, &length, input.baseAddress, input.count) == 1 else { return false }
            return true
        }
        guard ok, length > 0 else { throw KeyError(description: "cannot size the RS256 signature") }
        var signature = [UInt8](repeating: 0, count: length)
        let signed = message.withUnsafeBufferPointer { input in
            crypto.digest_sign(context, &signature, &length, input.baseAddress, input.count) == 1
        }
        guard signed else { throw KeyError(description: "the RS256 signature failed") }
        return Array(signature.prefix(length))
    }

    /// The DER bytes inside the first PEM block, or nil.
    static func derBytes(pem: String) -> [UInt8]? {
        var body = ""
        var inside = false
        for line in pem.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            if line.hasPrefix("-----BEGIN ") {
                inside = true
            } else if line.hasPrefix("-----END ") {
                return inside ? Base64.decode(body) : nil
            } else if inside {
                body += line.filter { !$0.isWhitespace }
            }
        }
        return nil
    }
}
