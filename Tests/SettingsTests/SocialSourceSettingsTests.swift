import Foundation
import Testing

@testable import Settings

/// `[[source]]` tables of the social kinds: their keys, and their mistakes at `FILE:LINE:COLUMN`.
@Suite struct SocialSourceSettingsTests {
    private let head = """
        [daemon]
        state_dir = "state"

        """

    @Test func readsEachKindsKeys() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "main.toml",
            head + """
                [[source]]
                id = "fedi"
                kind = "mastodon"
                url = "https://mastodon.social"
                tag = "acme"
                backlog_pages = 3

                [[source]]
                id = "sky"
                kind = "bluesky"
                url = "https://bsky.social"
                query = "acme cloud"
                handle = "acme.bsky.social"
                password_file = "secrets/bsky"

                [[source]]
                id = "rd"
                kind = "reddit"
                url = "https://oauth.reddit.com"
                subreddit = "acme"
                comments = true
                client_id = "abc"
                credentials = "reddit-secret"
                """)
        let settings = try Settings.load(path: folder.path + "/main.toml")
        let byID = Dictionary(uniqueKeysWithValues: settings.sources.map { ($0.id, $0) })
        #expect(byID["fedi"]?.kind == "mastodon")
        #expect(byID["fedi"]?.options == ["tag": "acme"])
        #expect(byID["fedi"]?.backlogPages == 3)
        #expect(byID["sky"]?.options == ["query": "acme cloud", "handle": "acme.bsky.social"])
        #expect(byID["sky"]?.secretFile == folder.path + "/secrets/bsky")
        #expect(byID["sky"]?.backlogPages == 1)
        #expect(byID["rd"]?.options == ["subreddit": "acme", "comments": "true", "client_id": "abc"])
        #expect(byID["rd"]?.credentials == "reddit-secret")
        #expect(byID["rd"]?.secretFile == nil)
    }

    @Test func reportsMistakesOfEachKindAtTheirLocation() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "main.toml",
            head + """
                [[source]]
                id = "a"
                kind = "mastodon"
                url = "https://mastodon.social"
                subreddit = "acme"

                [[source]]
                id = "b"
                kind = "bluesky"
                url = "https://bsky.social"
                query = "acme"

                [[source]]
                id = "c"
                kind = "github"
                url = "https://api.github.com"
                repository = "acme"
                backlog_pages = 0

                [[source]]
                id = "d"
                kind = "reddit"
                url = "https://www.reddit.com"
                subreddit = "acme"
                credentials = "../etc/passwd"

                [[source]]
                id = "e"
                kind = "friendster"
                url = "https://example.com"
                """)
        var errors: [ConfigError] = []
        do {
            _ = try Settings.load(path: folder.path + "/main.toml")
        } catch {
            errors = error.errors
        }
        let found = errors.map { "\($0.line):\($0.column) \($0.message)" }
        let expected = [
            "7:1 `subreddit` does not apply to a source of kind \"mastodon\"",
            "3:1 [[source]] of kind \"mastodon\" needs `tag` or `query`",
            "9:1 [[source]] is missing the required key `handle`",
            "9:1 [[source]] of kind \"bluesky\" needs an app password",
            "19:1 `repository` must be \"owner/name\", got \"acme\"",
            "20:1 `backlog_pages` must be at least 1, got 0",
            "22:1 reddit OAuth needs both `client_id` and a client secret",
            "27:1 `credentials` names a file in $CREDENTIALS_DIRECTORY and must not contain `/`",
            "31:1 unknown source kind \"friendster\" (known: feed, mastodon, bluesky, reddit, hackernews, lobsters, github)",
        ]
        for message in expected {
            #expect(found.contains { $0.hasPrefix(message) }, "missing \(message) in \(found)")
        }
        #expect(errors.allSatisfy { $0.file.hasSuffix("main.toml") })
    }
}
