import EarshotCore

/// One kind of social source (`mastodon`, `bluesky`, ...): how to ask its API for new posts and how to read them.
///
/// An adapter is stateless: everything a poll needs (settings, the stored cursor and token, the way to fetch)
/// comes in the ``AdapterContext``, and everything to remember comes back in the ``AdapterResult``. It never
/// throws: a failure is the result's `error`, with whatever posts were read before it.
public protocol SourceAdapter: Sendable {
    /// The `kind` of `[[source]]` this adapter serves.
    var kind: String { get }

    /// Polls the source once: the first time a bounded backlog (`backlogPages`), afterwards only what is newer
    /// than the context's cursor.
    func poll(_ context: AdapterContext) async -> AdapterResult

    /// Decodes one response body of this API (as `earshot parse --kind` reads it) into posts.
    func decode(_ body: [UInt8], source: String, url: String) throws(AdapterError) -> [Post]
}
