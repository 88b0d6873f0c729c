import EarshotCore
import TOML

/// The kind-specific keys of one social `[[source]]`, read and checked.
struct SocialSourceKeys {
    var valid = true
    var options: [String: String] = [:]
    var backlogPages = 1
    var secretFile: String?
    var credentials: String?

    func apply(to source: inout SourceSettings) {
        source.options = options
        source.backlogPages = backlogPages
        source.secretFile = secretFile
        source.credentials = credentials
    }
}

extension ConfigLoader {
    static let socialKinds = ["mastodon", "bluesky", "reddit", "hackernews", "lobsters", "github"]
    /// Keys each social kind accepts besides `id`, `url`, `interval` and `kind`.
    static let keysOfSourceKind: [String: [String]] = [
        "feed": [],
        "mastodon": ["tag", "query", "token_file", "credentials", "backlog_pages"],
        "bluesky": ["query", "handle", "password_file", "credentials", "backlog_pages"],
        "reddit": [
            "subreddit", "query", "comments", "client_id", "client_secret_file", "credentials", "auth_url",
            "user_agent", "backlog_pages",
        ],
        "hackernews": ["query", "tags", "backlog_pages"],
        "lobsters": ["tag", "backlog_pages"],
        "github": ["query", "repository", "token_file", "credentials", "backlog_pages"],
    ]
    /// Keys holding a path to a secret file, by kind.
    static let secretFileKeys = ["token_file", "password_file", "client_secret_file"]

    /// Every social key (a key of another kind is reported by `readSocialKeys` with a clearer message).
    static func socialKeys(of table: TableReader) -> [String] {
        Array(Set(keysOfSourceKind.values.joined())).sorted()
    }

    /// Reads and checks the keys of a `kind` source: keys of other kinds, required keys, secrets, `backlog_pages`.
    func readSocialKeys(_ table: TableReader, kind: String) -> SocialSourceKeys {
        var keys = SocialSourceKeys()
        let allowed = Self.keysOfSourceKind[kind] ?? []
        for entry in table.table.entries
        where !Self.sourceKeys.contains(entry.key) && !allowed.contains(entry.key)
            && Self.socialKeys(of: table).contains(entry.key)
        {
            let known = allowed.isEmpty ? "none" : allowed.map { "`\($0)`" }.joined(separator: ", ")
            table.report(
                entry.key, at: entry.keyPosition,
                "`\(entry.key)` does not apply to a source of kind \"\(kind)\" (its own keys: \(known))")
            keys.valid = false
        }
        guard kind != "feed", Self.keysOfSourceKind[kind] != nil else { return keys }
        for key in allowed where !Self.secretFileKeys.contains(key) && key != "backlog_pages" {
            switch key {
            case "comments":
                if table.table.entry(key) != nil {
                    if let value = table.boolean(key) {
                        keys.options[key] = value ? "true" : "false"
                    } else {
                        keys.valid = false
                    }
                }
            case "credentials":
                if let (name, position) = table.nonEmptyString(key) {
                    if name.contains("/") || name == "." || name == ".." {
                        table.report(
                            key, at: position,
                            "`credentials` names a file in $CREDENTIALS_DIRECTORY and must not contain `/`, got \"\(name)\""
                        )
                        keys.valid = false
                    } else {
                        keys.credentials = name
                    }
                } else if table.table.entry(key) != nil {
                    keys.valid = false
                }
            default:
                if let (value, position) = table.nonEmptyString(key) {
                    if key == "auth_url" && !Self.isWebURL(value) {
                        table.report(
                            key, at: position, "`auth_url` must be an absolute http or https URL, got \"\(value)\"")
                        keys.valid = false
                    } else if key == "repository"
                        && value.split(separator: "/", omittingEmptySubsequences: false).count != 2
                    {
                        table.report(key, at: position, "`repository` must be \"owner/name\", got \"\(value)\"")
                        keys.valid = false
                    } else {
                        keys.options[key] = value
                    }
                } else if table.table.entry(key) != nil {
                    keys.valid = false
                }
            }
        }
        for key in allowed where Self.secretFileKeys.contains(key) {
            if let (path, position) = table.nonEmptyString(key) {
                if keys.credentials != nil {
                    table.report(key, at: position, "give either `\(key)` or `credentials`, not both")
                    keys.valid = false
                } else {
                    keys.secretFile = Path.absolute(path, relativeTo: table.folder)
                }
            } else if table.table.entry(key) != nil {
                keys.valid = false
            }
        }
        if table.table.entry("backlog_pages") != nil {
            if let pages = table.integer("backlog_pages", minimum: 1) {
                keys.backlogPages = pages
            } else {
                keys.valid = false
            }
        }
        let hasSecret = keys.secretFile != nil || keys.credentials != nil
        func missing(_ message: String, key: String) {
            table.diagnostics.report(table.headerLocation, key: table.fullKey(key), message)
            keys.valid = false
        }
        let has = { (key: String) in table.table.entry(key) != nil }
        switch kind {
        case "mastodon":
            if !has("tag") && !has("query") {
                missing("[[source]] of kind \"mastodon\" needs `tag` or `query`", key: "tag")
            }
            if has("tag") && has("query") {
                missing("[[source]] of kind \"mastodon\" takes `tag` or `query`, not both", key: "query")
            }
            if has("query") && !hasSecret {
                missing(
                    "[[source]] of kind \"mastodon\" with `query` needs a token (`token_file` or `credentials`)",
                    key: "token_file")
            }
        case "bluesky":
            if !has("query") { missing("[[source]] is missing the required key `query`", key: "query") }
            if !has("handle") { missing("[[source]] is missing the required key `handle`", key: "handle") }
            if !hasSecret && !has("password_file") && !has("credentials") {
                missing(
                    "[[source]] of kind \"bluesky\" needs an app password (`password_file` or `credentials`)",
                    key: "password_file")
            }
        case "reddit":
            if !has("subreddit") && !has("query") {
                missing("[[source]] of kind \"reddit\" needs `subreddit` or `query`", key: "subreddit")
            }
            if has("comments") && !has("subreddit") { missing("`comments` needs `subreddit`", key: "comments") }
            if has("client_id") != (hasSecret || has("client_secret_file") || has("credentials")) {
                missing(
                    "reddit OAuth needs both `client_id` and a client secret (`client_secret_file` or `credentials`)",
                    key: "client_id")
            }
        case "hackernews":
            if !has("query") { missing("[[source]] is missing the required key `query`", key: "query") }
        case "github":
            if !has("query") && !has("repository") {
                missing("[[source]] of kind \"github\" needs `query` or `repository`", key: "query")
            }
        default:
            break
        }
        return keys
    }
}
