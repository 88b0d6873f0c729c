/// The syndication formats that `FeedParser` reads.
public enum FeedFormat: String, Sendable {
    /// RSS 0.9x / 2.0 (`<rss>`).
    case rss
    /// RSS 1.0 and 0.90 (`<rdf:RDF>`).
    case rdf
    /// Atom 1.0 and 0.3 (`<feed>`).
    case atom
    /// JSON Feed 1.0 / 1.1.
    case jsonFeed
}
