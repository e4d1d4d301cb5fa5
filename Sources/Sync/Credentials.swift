import FoundationEssentials
import HTTP

/// Where an access token comes from, found in the order the official clients use: an explicit token, then
/// `GOOGLE_APPLICATION_CREDENTIALS` (a service-account key or an authorized-user file), then gcloud's
/// application-default credentials file, then the metadata server. An emulator needs none.
///
/// Tokens are fetched on first use and cached until a minute before they expire. Not `Sendable`: one sync
/// uses it from one thread.
public final class Credentials {
    /// The kind of credentials found.
    public enum Kind: Sendable, Equatable {
        /// An emulator: no `Authorization` header.
        case none
        /// `--access-token` or `BMRS_BIGQUERY_TOKEN`.
        case accessToken
        /// A service-account key file (RS256 JWT exchanged at the token endpoint).
        case serviceAccount(email: String)
        /// An authorized-user file (a refresh token exchanged at the token endpoint).
        case authorizedUser
        /// The metadata server of a Google Cloud machine.
        case metadataServer(host: String)
    }

    /// The kind of credentials.
    public let kind: Kind
    /// Where they were found, for a person (a path or a variable name; never a secret).
    public let origin: String
    /// Warnings about the credentials (e.g. a key file others can read).
    public private(set) var warnings: [String] = []

    private let exchange: TokenExchange?
    private var cachedToken: String?
    private var expiresAt: Int64 = 0
    /// The clock in seconds since the epoch (tests may set it).
    public var now: () -> Int64 = LocalFile.now

    init(kind: Kind, origin: String, token: String? = nil, exchange: TokenExchange? = nil) {
        self.kind = kind
        self.origin = origin
        self.exchange = exchange
        cachedToken = token
        expiresAt = token == nil ? 0 : .max
    }

    /// No credentials (an emulator).
    public static var anonymous: Credentials { Credentials(kind: .none, origin: "BIGQUERY_EMULATOR_HOST") }

    /// A fixed access token.
    public static func accessToken(_ token: String, origin: String) -> Credentials {
        Credentials(kind: .accessToken, origin: origin, token: token)
    }

    /// Finds credentials as described on the type (`HOME` or `CLOUDSDK_CONFIG` locate gcloud's file).
    public static func resolve(
        accessToken: String?, environment: [String: String], endpoint: BigQueryEndpoint
    ) throws(SyncError) -> Credentials {
        if endpoint.isEmulator { return .anonymous }
        if let accessToken, !accessToken.isEmpty { return .accessToken(accessToken, origin: "--access-token") }
        if let token = environment["BMRS_BIGQUERY_TOKEN"], !token.isEmpty {
            return .accessToken(token, origin: "BMRS_BIGQUERY_TOKEN")
        }
        if let path = environment["GOOGLE_APPLICATION_CREDENTIALS"], !path.isEmpty {
            guard LocalFile.exists(path) else {
                throw SyncError(.auth, "GOOGLE_APPLICATION_CREDENTIALS names a file that does not exist", context: path)
            }
            return try fromFile(path)
        }
        let configDirectory =
            environment["CLOUDSDK_CONFIG"] ?? ((environment["HOME"] ?? "") + "/.config/gcloud")
        let adc = configDirectory + "/application_default_credentials.json"
        if LocalFile.exists(adc) { return try fromFile(adc) }
        let host = environment["GCE_METADATA_HOST"] ?? "metadata.google.internal"
        return Credentials(
            kind: .metadataServer(host: host), origin: "metadata server \(host)",
            exchange: .metadata(host: host))
    }

    /// Reads a service-account key or an authorized-user file.
    public static func fromFile(_ path: String) throws(SyncError) -> Credentials {
        guard let text = LocalFile.read(path) else {
            throw SyncError(.auth, "cannot read the credentials file", context: path)
        }
        let file: CredentialsFile
        do {
            file = try Self.snakeCaseDecoder.decode(CredentialsFile.self, from: Data(text.utf8))
        } catch {
            throw SyncError(.auth, "the credentials file is not a JSON credentials document", context: path)
        }
        let credentials: Credentials
        switch file.type {
        case "service_account":
            guard let email = file.clientEmail, let key = file.privateKey else {
                throw SyncError(.auth, "the service-account key lacks client_email or private_key", context: path)
            }
            let tokenURI = file.tokenUri ?? TokenExchange.googleTokenURI
            credentials = Credentials(
                kind: .serviceAccount(email: email), origin: path,
                exchange: .serviceAccount(
                    email: email, privateKeyPEM: key, keyID: file.privateKeyId, tokenURI: tokenURI))
        case "authorized_user":
            guard let clientID = file.clientId, let secret = file.clientSecret, let refresh = file.refreshToken
            else {
                throw SyncError(
                    .auth, "the authorized-user file lacks client_id, client_secret or refresh_token", context: path)
            }
            credentials = Credentials(
                kind: .authorizedUser, origin: path,
                exchange: .refreshToken(
                    clientID: clientID, clientSecret: secret, refreshToken: refresh,
                    tokenURI: file.tokenUri ?? TokenExchange.googleTokenURI))
        default:
            throw SyncError(
                .auth,
                "credentials of type '\(file.type ?? "none")' are not supported (use a service-account key "
                    + "or an authorized-user file)", context: path)
        }
        if LocalFile.isReadableByOthers(path) {
            credentials.warnings.append(
                "the credentials file \(path) is readable by other users; restrict it with chmod 600")
        }
        return credentials
    }

    /// The `Authorization` header value, fetching or refreshing the token when needed; nil for an emulator.
    public func authorization(using http: HTTPClient) throws(SyncError) -> String? {
        if kind == .none { return nil }
        if let cachedToken, now() < expiresAt { return "Bearer " + cachedToken }
        guard let exchange else { throw SyncError(.auth, "no access token", context: origin) }
        let (token, lifetime) = try exchange.fetch(using: http, now: now())
        cachedToken = token
        expiresAt = now() + max(0, lifetime - 60)
        return "Bearer " + token
    }
}

extension Credentials {
    /// Google's documents name members in snake case (`client_email`, `access_token`).
    static var snakeCaseDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}

/// The members of a credentials file bmrs reads (Google's snake-case names, converted when decoding).
struct CredentialsFile: Decodable {
    var type: String?
    var clientEmail: String?
    var privateKey: String?
    var privateKeyId: String?
    var tokenUri: String?
    var clientId: String?
    var clientSecret: String?
    var refreshToken: String?
}
