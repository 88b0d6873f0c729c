import Curl
import Foundation

/// One poll's HTTP exchanges with an API: sends requests through the context's `fetch`, keeps the rate-limit
/// reading and counters, maps statuses to ``AdapterError`` and decodes JSON bodies.
struct APIClient {
    let context: AdapterContext
    var rateLimit: RateLimit?
    var lastStatus: Int?
    var requests = 0
    var bytes = 0

    init(_ context: AdapterContext) {
        self.context = context
    }

    /// Headers every request of this source carries: `Accept` and, when configured, `User-Agent`.
    var baseHeaders: [HTTPHeader] {
        var headers = [HTTPHeader(name: "Accept", value: "application/json")]
        if let agent = context.source.userAgent { headers.append(HTTPHeader(name: "User-Agent", value: agent)) }
        return headers
    }

    /// Sends a request; any HTTP status is a response, only transport failures are errors.
    mutating func send(
        _ url: String, method: String? = nil, body: [UInt8]? = nil, headers: [HTTPHeader] = [],
        bearer: String? = nil, etag: String? = nil
    ) async -> Result<HTTPResponse, AdapterError> {
        let given = Set(headers.map { $0.name.lowercased() })
        var all = baseHeaders.filter { !given.contains($0.name.lowercased()) } + headers
        if let bearer { all.append(HTTPHeader(name: "Authorization", value: "Bearer \(bearer)")) }
        let request = HTTPRequest(
            url: url, method: method, body: body, headers: all, etag: etag, limits: context.limits)
        requests += 1
        switch await context.fetch(request) {
        case .failure(let error):
            return .failure(AdapterError(.transport, error.description))
        case .success(let response):
            lastStatus = response.status
            bytes += response.body.count
            let reading = RateLimit(headers: response.headers, now: context.now)
            if let reading {
                rateLimit = rateLimit?.merged(with: reading) ?? reading
            }
            return .success(response)
        }
    }

    /// The error a response's status means, if any: 401 (and Bluesky's expired-token 400) is `.auth`, 429 and a
    /// 403 with no requests left or a `Retry-After` (GitHub's secondary limits) are `.rateLimited`, anything else
    /// outside 2xx is `.http`.
    static func error(for response: HTTPResponse, rateLimit: RateLimit?) -> AdapterError? {
        let status = response.status
        if (200..<300).contains(status) { return nil }
        let url = response.requestURL
        if status == 429 || (status == 403 && (rateLimit?.exhausted == true || rateLimit?.retryAfter != nil)) {
            return AdapterError(.rateLimited, "\(url): HTTP \(status) (rate limited)", status: status)
        }
        if status == 401 { return AdapterError(.auth, "\(url): HTTP 401 (credentials rejected)", status: status) }
        if status == 400 {
            let text = String(decoding: response.body.prefix(512), as: UTF8.self)
            if text.contains("ExpiredToken") || text.contains("InvalidToken") {
                return AdapterError(.auth, "\(url): HTTP 400 (token expired or invalid)", status: status)
            }
        }
        return AdapterError(.http, "\(url): HTTP \(status)", status: status)
    }

    /// Decodes a JSON body as `T`; a body that is not the documented JSON is `.malformed`, naming the URL.
    static func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8], url: String) throws(AdapterError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw AdapterError(.malformed, "\(url): malformed JSON (\(describe(error)))")
        } catch {
            throw AdapterError(.malformed, "\(url): malformed JSON")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty
                ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "bad value at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" at \(path(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected type at \(path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }

    /// Sends a request and decodes a 2xx JSON body; other statuses become their ``AdapterError``.
    mutating func json<T: Decodable>(
        _ type: T.Type, _ url: String, method: String? = nil, body: [UInt8]? = nil, headers: [HTTPHeader] = [],
        bearer: String? = nil
    ) async -> Result<T, AdapterError> {
        switch await send(url, method: method, body: body, headers: headers, bearer: bearer) {
        case .failure(let error):
            return .failure(error)
        case .success(let response):
            if let error = Self.error(for: response, rateLimit: rateLimit) { return .failure(error) }
            do {
                return .success(try Self.decode(T.self, response.body, url: url))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Runs one poll with a fresh client and fills the result's bookkeeping fields from it.
    static func poll(
        _ context: AdapterContext, _ body: (inout APIClient) async -> AdapterResult
    ) async -> AdapterResult {
        var client = APIClient(context)
        var result = await body(&client)
        client.finish(&result)
        return result
    }

    /// Fills a result's bookkeeping fields from this client.
    func finish(_ result: inout AdapterResult) {
        result.rateLimit = rateLimit
        result.status = lastStatus
        result.requests = requests
        result.bytes = bytes
    }
}
