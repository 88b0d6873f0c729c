import Curl
import Foundation

/// One POST of a JSON body to a webhook, classified: 2xx is delivered; 429 and 5xx are transient (with the
/// receiver's `Retry-After`); connection failures are transient; any other status is permanent. Errors name the
/// URL only by scheme and host.
struct HTTPPost: Sendable {
    var channel: String
    var url: String
    var engine: CurlEngine

    func send(_ body: [UInt8], headers: [HTTPHeader], recipient: String, now: Date = Date())
        async throws(DeliveryError)
    {
        var limits = TransferLimits()
        limits.maxBody = 1 << 20
        limits.connectTimeout = .seconds(10)
        limits.timeout = .seconds(30)
        limits.maxRedirects = 0
        let request = HTTPRequest(
            url: url, method: "POST", body: body,
            headers: [HTTPHeader(name: "Content-Type", value: "application/json; charset=utf-8")] + headers,
            limits: limits)
        let shown = RedactedURL.redact(url)
        switch await engine.perform(request) {
        case .failure(let error):
            let permanent = error.kind == .badURL || error.kind == .protocolNotAllowed
            throw DeliveryError(
                channel: channel, recipient: recipient, message: "POST \(shown): \(Self.describe(error))",
                transient: !permanent)
        case .success(let response):
            if (200..<300).contains(response.status) { return }
            let transient = response.status == 429 || response.status == 408 || response.status >= 500
            let retryAfter = response.headers.value(for: "Retry-After").flatMap { Self.retryAfter($0, now: now) }
            throw DeliveryError(
                channel: channel, recipient: recipient, message: "POST \(shown): HTTP \(response.status)",
                transient: transient, retryAfter: retryAfter)
        }
    }

    /// The failure without the URL (which `FetchError.description` would print whole).
    static func describe(_ error: FetchError) -> String {
        let message = error.message.replacingOccurrences(of: error.url, with: RedactedURL.redact(error.url))
        return error.curlCode == 0 ? message : "\(message) (curl error \(error.curlCode))"
    }

    /// `Retry-After` as seconds from `now`: delta-seconds or an HTTP date.
    static func retryAfter(_ value: String, now: Date) -> TimeInterval? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return TimeInterval(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
