import FoundationEssentials
import HTTP
import Hashing

/// How an access token is obtained from longer-lived credentials.
enum TokenExchange {
    /// Google's OAuth 2.0 token endpoint.
    static let googleTokenURI = "https://oauth2.googleapis.com/token"
    /// The scope bmrs asks for.
    static let scope = "https://www.googleapis.com/auth/bigquery"

    /// A service-account key: an RS256-signed JWT exchanged at `tokenURI`.
    case serviceAccount(email: String, privateKeyPEM: String, keyID: String?, tokenURI: String)
    /// An authorized user's refresh token exchanged at `tokenURI`.
    case refreshToken(clientID: String, clientSecret: String, refreshToken: String, tokenURI: String)
    /// The metadata server of a Google Cloud machine.
    case metadata(host: String)

    /// The token and its lifetime in seconds.
    func fetch(using http: HTTPClient, now: Int64) throws(SyncError) -> (String, Int64) {
        let response: HTTPResponse
        let url: String
        do {
            switch self {
            case .serviceAccount(let email, let pem, let keyID, let tokenURI):
                url = tokenURI
                let assertion = try Self.jwt(
                    email: email, privateKeyPEM: pem, keyID: keyID, audience: tokenURI, issuedAt: now)
                let form =
                    "grant_type=" + percentEncoded("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion="
                    + assertion
                response = try http.send(
                    method: "POST", url: url, headers: ["Content-Type: application/x-www-form-urlencoded"],
                    body: Array(form.utf8))
            case .refreshToken(let clientID, let secret, let refresh, let tokenURI):
                url = tokenURI
                let form =
                    "grant_type=refresh_token&client_id=" + percentEncoded(clientID) + "&client_secret="
                    + percentEncoded(secret) + "&refresh_token=" + percentEncoded(refresh)
                response = try http.send(
                    method: "POST", url: url, headers: ["Content-Type: application/x-www-form-urlencoded"],
                    body: Array(form.utf8))
            case .metadata(let host):
                url = "http://\(host)/computeMetadata/v1/instance/service-accounts/default/token"
                response = try http.get(url, headers: ["Metadata-Flavor: Google"])
            }
        } catch let error as SyncError {
            throw error
        } catch {
            if case .metadata(let host) = self {
                throw SyncError(
                    .auth,
                    "no credentials: set --access-token, BMRS_BIGQUERY_TOKEN or GOOGLE_APPLICATION_CREDENTIALS, or run "
                        + "`gcloud auth application-default login`; the metadata server \(host) did not answer (\(error))"
                )
            }
            throw SyncError(.auth, "cannot reach the token endpoint: \(error)")
        }
        guard response.status == 200 else {
            // The body of a refusal names the problem (invalid_grant, ...) but never echoes the secret.
            let detail = (try? Credentials.snakeCaseDecoder.decode(TokenError.self, from: Data(response.body)))
                .map { "\($0.error ?? "error")\($0.errorDescription.map { ": " + $0 } ?? "")" }
            throw SyncError(
                .auth,
                "the token endpoint refused the credentials (HTTP \(response.status)"
                    + "\(detail.map { ", " + $0 } ?? ""))", context: url, status: response.status)
        }
        guard let answer = try? Credentials.snakeCaseDecoder.decode(TokenAnswer.self, from: Data(response.body)),
            let token = answer.accessToken, !token.isEmpty
        else {
            throw SyncError(.auth, "the token endpoint's answer has no access_token", context: url)
        }
        return (token, answer.expiresIn ?? 3600)
    }

    /// A signed JWT for the token endpoint (header `{"alg":"RS256","typ":"JWT","kid":…}`; claims `iss`, `scope`,
    /// `aud`, `iat`, `exp = iat + 3600`).
    static func jwt(email: String, privateKeyPEM: String, keyID: String?, audience: String, issuedAt: Int64)
        throws(SyncError) -> String
    {
        var header = "{\"alg\":\"RS256\",\"typ\":\"JWT\""
        if let keyID { header += ",\"kid\":" + jsonString(keyID) }
        header += "}"
        let claims =
            "{\"iss\":\(jsonString(email)),\"scope\":\(jsonString(scope)),\"aud\":\(jsonString(audience)),"
            + "\"iat\":\(issuedAt),\"exp\":\(issuedAt + 3600)}"
        let signingInput = Base64.encodeURL(Array(header.utf8)) + "." + Base64.encodeURL(Array(claims.utf8))
        do {
            let signer = try RSASigner(pem: privateKeyPEM)
            return signingInput + "." + Base64.encodeURL(try signer.sign(Array(signingInput.utf8)))
        } catch {
            throw SyncError(.auth, "cannot sign the service-account JWT: \(error)")
        }
    }
}

private struct TokenAnswer: Decodable {
    var accessToken: String?
    var expiresIn: Int64?
}

private struct TokenError: Decodable {
    var error: String?
    var errorDescription: String?
}
