/// A URL as it may appear in logs and errors: scheme, host and port only. Webhook URLs carry their secret in the
/// path or query (`https://hooks.slack.com/services/T000/B000/XXXX`), so the rest is never shown.
public enum RedactedURL {
    /// `https://hooks.example.com/…`.
    public static func redact(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "(url)" }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let hasMore = authorityEnd != rest.endIndex
        return String(url[..<schemeEnd.upperBound]) + authority + (hasMore ? "/…" : "")
    }
}
