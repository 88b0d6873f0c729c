import Foundation

/// Resolves relative links against a base URL (RFC 3986, via Foundation's `URL`), with a fast path for the
/// common absolute case.
enum LinkResolver {
    /// `link` made absolute against `base`; unchanged when it is already absolute or cannot be resolved.
    static func resolve(_ link: String, against base: String?) -> String {
        if link.isEmpty || hasScheme(link) { return link }
        guard let base, !base.isEmpty, let baseURL = URL(string: base),
            let resolved = URL(string: link, relativeTo: baseURL)
        else { return link }
        return resolved.absoluteString
    }

    /// Whether `link` starts with `scheme:` (letters, digits, `+ - .`, then a colon before any `/ ? #`).
    static func hasScheme(_ link: String) -> Bool {
        var first = true
        for b in link.utf8 {
            let alpha = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
            if b == UInt8(ascii: ":") { return !first }
            if first {
                guard alpha else { return false }
                first = false
                continue
            }
            let ok =
                alpha || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "+")
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            if !ok { return false }
        }
        return false
    }
}
