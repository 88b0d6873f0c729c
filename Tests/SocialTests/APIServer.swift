import Curl
import Foundation
import Social
import TestSupport

/// A loopback server mimicking one API, a libcurl engine to reach it, and a folder for credential files.
final class APIServer: Sendable {
    let server: HTTPTestServer
    let engine = CurlEngine(configuration: CurlEngine.Configuration(concurrency: 4, perHost: 2))
    let folder: TemporaryDirectory

    init() throws {
        server = try HTTPTestServer()
        folder = try TemporaryDirectory(prefix: "earshot-social")
    }

    deinit {
        server.stop()
        engine.shutdown()
        folder.remove()
    }

    /// Writes a secret file and returns its reference.
    func secret(_ name: String, _ value: String) throws -> CredentialReference {
        try (value + "\n").write(toFile: folder.path(name), atomically: true, encoding: .utf8)
        return .file(folder.path(name))
    }

    func source(
        _ kind: String, options: [String: String], backlogPages: Int = 1, secret: CredentialReference? = nil,
        userAgent: String? = nil
    ) -> SocialSource {
        SocialSource(
            id: "s", kind: kind, baseURL: server.baseURL + "/", options: options, backlogPages: backlogPages,
            secret: secret, userAgent: userAgent)
    }

    /// Polls once with `adapter`, as the daemon would after `previous`.
    func poll(
        _ adapter: some SourceAdapter, _ source: SocialSource, after previous: AdapterResult? = nil,
        now: Date = Date()
    ) async -> AdapterResult {
        let context = AdapterContext(
            source: source, engine: engine, cursor: previous?.cursor, token: previous?.token, etag: previous?.etag,
            credentials: CredentialReader(credentialsDirectory: folder.path), now: now)
        return await adapter.poll(context)
    }

    /// Query parameters of a request, decoded, in order.
    static func query(_ request: HTTPTestRequest) -> [String: String] {
        var result: [String: String] = [:]
        for pair in (request.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            result[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }
}

/// JSON text of `value`.
func json(_ value: Any) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
}

extension HTTPTestResponse {
    static func json(_ value: Any, headers: [(String, String)] = []) -> HTTPTestResponse {
        .ok(body: SocialTests.json(value), contentType: "application/json", headers: headers)
    }
}
