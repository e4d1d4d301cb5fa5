import Foundation
import Hashing
import Sync
import TestSupport
import Testing

/// The credential chain against the request recorder (token endpoint, metadata server), with a throwaway RSA
/// key made by the openssl CLI for the service-account JWT.
@Suite struct SyncAuthTests {
    let directory = TemporaryDirectory()
    let recorder: BigQueryRecorder

    init() throws {
        recorder = try BigQueryRecorder()
    }

    var endpoint: BigQueryEndpoint { BigQueryEndpoint(rootURL: recorder.root, isEmulator: false) }

    /// A fresh 2048-bit RSA key (PKCS#8 PEM) and its public key file.
    func makeKey() throws -> (pem: String, publicKey: String) {
        let key = directory.file("key.pem")
        let pub = directory.file("pub.pem")
        let made = try run(
            "/usr/bin/openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key])
        #expect(made.status == 0, "openssl genpkey: \(made.stderr)")
        _ = try run("/usr/bin/openssl", ["pkey", "-in", key, "-pubout", "-out", pub])
        return (try String(contentsOfFile: key, encoding: .utf8), pub)
    }

    func writeJSON(_ name: String, _ object: [String: String], mode: Int = 0o600) throws -> String {
        let path = directory.file(name)
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func form(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.components(separatedBy: "&") {
            let parts = pair.components(separatedBy: "=")
            fields[parts[0]] = parts.dropFirst().joined(separator: "=").removingPercentEncoding
        }
        return fields
    }

    static func base64URL(_ text: String) -> Data? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s)
    }

    @Test func aServiceAccountKeySignsAnRS256JWTThatOpenSSLVerifiesAndTheTokenIsCached() throws {
        let (pem, publicKey) = try makeKey()
        let path = try writeJSON(
            "sa.json",
            [
                "type": "service_account", "client_email": "bmrs@test-project.iam.gserviceaccount.com",
                "private_key": pem, "private_key_id": "key-1", "token_uri": recorder.root + "/token",
            ])
        let credentials = try Credentials.resolve(
            accessToken: nil, environment: ["GOOGLE_APPLICATION_CREDENTIALS": path, "HOME": directory.path],
            endpoint: endpoint)
        #expect(credentials.kind == .serviceAccount(email: "bmrs@test-project.iam.gserviceaccount.com"))
        #expect(credentials.warnings.isEmpty)
        let client = BigQueryClient(
            endpoint: endpoint, project: "test-project", location: nil, credentials: credentials)
        _ = try client.getTable(dataset: "d", table: "bmrs_fuelhh")
        _ = try client.getTable(dataset: "d", table: "bmrs_fuelinst")

        let requests = try recorder.requests()
        let tokenRequests = requests.filter { $0.path == "/token" }
        #expect(tokenRequests.count == 1)
        let tokenRequest = try #require(tokenRequests.first)
        #expect(tokenRequest.headers["content-type"] == "application/x-www-form-urlencoded")
        let fields = form(tokenRequest.text)
        #expect(fields["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer")
        let segments = try #require(fields["assertion"]).components(separatedBy: ".")
        try #require(segments.count == 3)
        let headerData = try #require(Self.base64URL(segments[0]))
        let header = try JSONSerialization.jsonObject(with: headerData) as? [String: Any]
        #expect(header?["alg"] as? String == "RS256" && header?["kid"] as? String == "key-1")
        let claimsData = try #require(Self.base64URL(segments[1]))
        let claims = try #require(try JSONSerialization.jsonObject(with: claimsData) as? [String: Any])
        #expect(claims["iss"] as? String == "bmrs@test-project.iam.gserviceaccount.com")
        #expect(claims["aud"] as? String == recorder.root + "/token")
        #expect(claims["scope"] as? String == "https://www.googleapis.com/auth/bigquery")
        let iat = try #require(claims["iat"] as? Int)
        #expect(claims["exp"] as? Int == iat + 3600)
        // openssl checks the RS256 signature over "header.claims".
        let input = directory.file("input")
        let signature = directory.file("signature")
        try Data((segments[0] + "." + segments[1]).utf8).write(to: URL(fileURLWithPath: input))
        try #require(Self.base64URL(segments[2])).write(to: URL(fileURLWithPath: signature))
        let verified = try run(
            "/usr/bin/openssl", ["dgst", "-sha256", "-verify", publicKey, "-signature", signature, input])
        #expect(verified.status == 0 && verified.stdout.contains("Verified OK"))
        let api = requests.filter { $0.path.hasPrefix("/bigquery/") }
        #expect(api.count == 2 && api.allSatisfy { $0.headers["authorization"] == "Bearer token-1" })

        // An hour later the cached token has expired and a new JWT is exchanged.
        credentials.now = { Int64(Date().timeIntervalSince1970) + 3_600 }
        _ = try client.getTable(dataset: "d", table: "bmrs_fuelhh")
        #expect(try recorder.requests().filter { $0.path == "/token" }.count == 2)
    }

    @Test func aKeyFileOthersCanReadIsWarnedAboutAndARefusalNeverShowsTheSecret() throws {
        let (pem, _) = try makeKey()
        let path = try writeJSON(
            "sa.json",
            [
                "type": "service_account", "client_email": "bmrs@test-project.iam.gserviceaccount.com",
                "private_key": pem, "token_uri": recorder.root + "/token",
            ], mode: 0o644)
        let credentials = try Credentials.fromFile(path)
        #expect(credentials.warnings.count == 1 && credentials.warnings[0].contains("chmod 600"))
        try recorder.setFaults("{\"refuseTokens\":true}")
        let client = BigQueryClient(
            endpoint: endpoint, project: "test-project", location: nil, credentials: credentials)
        let error = try #require(throws: SyncError.self) { try client.getTable(dataset: "d", table: "t") }
        #expect(error.code == .auth && "\(error)".contains("invalid_grant"))
        let keyBody = pem.components(separatedBy: "\n")[1]
        #expect(!"\(error)".contains(keyBody) && !"\(error)".contains("assertion"))
    }

    @Test func gcloudsAuthorizedUserFileExchangesItsRefreshToken() throws {
        let config = directory.file("gcloud")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        _ = try writeJSON(
            "gcloud/application_default_credentials.json",
            [
                "type": "authorized_user", "client_id": "id-1.apps.googleusercontent.com", "client_secret": "s3cret",
                "refresh_token": "1//refresh", "token_uri": recorder.root + "/token",
            ])
        let credentials = try Credentials.resolve(
            accessToken: nil, environment: ["CLOUDSDK_CONFIG": config], endpoint: endpoint)
        #expect(credentials.kind == .authorizedUser)
        let client = BigQueryClient(
            endpoint: endpoint, project: "test-project", location: nil, credentials: credentials)
        _ = try client.getTable(dataset: "d", table: "t")
        let request = try #require(try recorder.requests().first { $0.path == "/token" })
        let fields = form(request.text)
        #expect(fields["grant_type"] == "refresh_token" && fields["refresh_token"] == "1//refresh")
        #expect(fields["client_id"] == "id-1.apps.googleusercontent.com" && fields["client_secret"] == "s3cret")
    }

    @Test func withNoCredentialFileTheMetadataServerIsAsked() throws {
        let host = String(recorder.root.dropFirst("http://".count))
        let credentials = try Credentials.resolve(
            accessToken: nil, environment: ["HOME": directory.path, "GCE_METADATA_HOST": host], endpoint: endpoint)
        #expect(credentials.kind == .metadataServer(host: host))
        let client = BigQueryClient(
            endpoint: endpoint, project: "test-project", location: nil, credentials: credentials)
        _ = try client.getTable(dataset: "d", table: "t")
        let requests = try recorder.requests()
        let token = try #require(requests.first { $0.path.hasPrefix("/computeMetadata/") })
        #expect(token.headers["metadata-flavor"] == "Google")
        #expect(requests.last?.headers["authorization"] == "Bearer token-1")
    }

    @Test func anExplicitTokenWinsAndAnEmulatorGetsNoCredentials() throws {
        let environment = ["BMRS_BIGQUERY_TOKEN": "from-env", "GOOGLE_APPLICATION_CREDENTIALS": "/nonexistent"]
        #expect(
            try Credentials.resolve(accessToken: "flag", environment: environment, endpoint: endpoint).kind
                == .accessToken)
        let fromEnvironment = try Credentials.resolve(accessToken: nil, environment: environment, endpoint: endpoint)
        #expect(fromEnvironment.origin == "BMRS_BIGQUERY_TOKEN")
        let emulator = BigQueryEndpoint.fromEnvironment(["BIGQUERY_EMULATOR_HOST": String(recorder.root.dropFirst(7))])
        #expect(emulator.isEmulator && emulator.rootURL == recorder.root)
        let anonymous = try Credentials.resolve(accessToken: nil, environment: environment, endpoint: emulator)
        let client = BigQueryClient(endpoint: emulator, project: "test-project", location: nil, credentials: anonymous)
        _ = try client.getTable(dataset: "d", table: "t")
        #expect(try recorder.requests().allSatisfy { $0.headers["authorization"] == nil })
    }
}
