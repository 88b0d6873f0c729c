/// The adapters by source kind.
public enum SocialAdapters {
    /// Every social kind, in the order the docs list them.
    public static let all: [any SourceAdapter] = [
        MastodonAdapter(), BlueskyAdapter(), RedditAdapter(), HackerNewsAdapter(), LobstersAdapter(), GitHubAdapter(),
    ]

    /// The kinds, `mastodon` ... `github`.
    public static var kinds: [String] { all.map(\.kind) }

    /// The adapter for `kind`, or nil for `feed` and unknown kinds.
    public static func adapter(for kind: String) -> (any SourceAdapter)? {
        all.first { $0.kind == kind }
    }
}
