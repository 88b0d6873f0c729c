/// Keeps secrets out of logs and command output: passwords in URLs and the values of query parameters that
/// look like credentials (`token`, `key`, `secret`, `password`, `sig`, ...).
public enum Redact {
    static let sensitive = [
        "token", "key", "secret", "password", "passwd", "pass", "pwd", "sig", "signature", "auth", "credential",
        "session", "code",
    ]

    /// `https://user:***@host/feed?api_key=***&page=2`.
    public static func url(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        var result = String(url[..<schemeEnd.upperBound])
        var rest = Substring(url[schemeEnd.upperBound...])
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            let user = userinfo.split(separator: ":", maxSplits: 1).first ?? ""
            result += userinfo.contains(":") ? "\(user):***@" : "\(user)@"
            authority = authority[authority.index(after: at)...]
        }
        result += authority
        rest = rest[authorityEnd...]
        guard let question = rest.firstIndex(of: "?") else { return result + rest }
        result += rest[...question]
        let query = rest[rest.index(after: question)...]
        let fragmentStart = query.firstIndex(of: "#") ?? query.endIndex
        let parameters = query[..<fragmentStart].split(separator: "&", omittingEmptySubsequences: false).map {
            parameter -> String in
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return String(parameter) }
            let name = parts[0].lowercased()
            return sensitive.contains(where: { name.contains($0) }) ? "\(parts[0])=***" : String(parameter)
        }
        return result + parameters.joined(separator: "&") + query[fragmentStart...]
    }

    /// `text` with every URL in it (any `scheme://...`) redacted.
    public static func text(_ text: String) -> String {
        guard text.contains("://") else { return text }
        let characters = Array(text)
        var result = ""
        var index = 0
        var copied = 0
        while index + 2 < characters.count {
            guard characters[index] == ":", characters[index + 1] == "/", characters[index + 2] == "/" else {
                index += 1
                continue
            }
            var start = index
            while start > copied, let previous = characters[start - 1].unicodeScalars.first,
                previous.properties.isAlphabetic || ("0"..."9").contains(previous)
                    || "+-.".unicodeScalars.contains(previous),
                previous.isASCII
            {
                start -= 1
            }
            var end = index + 3
            while end < characters.count, !" \n\t\"'`)<>".contains(characters[end]) { end += 1 }
            var candidate = String(characters[start..<end])
            var trailer = ""
            while let last = candidate.last, last == ":" || last == "," || last == "." || last == ";" {
                trailer = String(last) + trailer
                candidate.removeLast()
            }
            result += String(characters[copied..<start]) + url(candidate) + trailer
            copied = end
            index = end
        }
        return result + String(characters[copied...])
    }
}
