import CLibXML2
import EarshotCore
import Foundation

/// Decodes feed documents (RSS 0.9x/2.0, RSS 1.0/RDF, Atom 1.0/0.3, JSON Feed 1.0/1.1) into posts.
///
/// The format is detected from the content, never from the URL. XML is read with libxml2's SAX2 interface in
/// recover mode; JSON with `JSONSerialization`. A value of this type is stateless: call `parse` from any number of
/// tasks at once.
public struct FeedParser: Sendable {
    /// Makes sure libxml2's global state is initialized exactly once, before any parser context exists.
    private static let libxml2Ready: Bool = {
        xmlInitParser()
        return true
    }()

    /// Creates a parser.
    public init() {
        _ = Self.libxml2Ready
    }

    /// Decodes one response body. `source` is the source id for the posts; `url` the feed's (final) URL, used
    /// as the base for relative links and in errors; `contentType` the response header when known (its `charset`
    /// is used for XML that declares no encoding of its own).
    public func parse(
        _ body: [UInt8], source: String, url: String, contentType: String? = nil
    ) throws(FeedError) -> Feed {
        func fail(_ message: String) -> FeedError { FeedError(source: source, url: url, message: message) }

        switch ContentSniffer.sniff(body) {
        case .empty:
            throw fail("not a feed: empty response body")
        case .json:
            return try JSONFeedReader(source: source, url: url).read(body)
        case .html:
            throw fail("not a feed: HTML document")
        case .garbage(let start):
            throw fail("not a feed: neither XML nor JSON (starts with \(start))")
        case .xml(let declaresEncoding):
            let charset = declaresEncoding ? nil : ContentSniffer.charset(fromContentType: contentType)
            return try parseXML(body, source: source, url: url, charset: charset)
        }
    }

    private func parseXML(_ body: [UInt8], source: String, url: String, charset: String?) throws(FeedError) -> Feed {
        guard body.count < Int(Int32.max) else {
            throw FeedError(source: source, url: url, message: "not a feed: body too large")
        }
        let reader = XMLFeedReader(source: source, url: url)
        var sax = xmlSAXHandler()
        earshot_sax_init(&sax)
        sax.startElementNs = { ctx, local, _, uri, _, _, attributeCount, _, attributes in
            guard let ctx, let local else { return }
            let reader = Unmanaged<XMLFeedReader>.fromOpaque(ctx).takeUnretainedValue()
            reader.startElement(local, uri, Attributes(base: attributes, count: Int(attributeCount)))
        }
        sax.endElementNs = { ctx, local, _, _ in
            guard let ctx, let local else { return }
            Unmanaged<XMLFeedReader>.fromOpaque(ctx).takeUnretainedValue().endElement(local)
        }
        sax.characters = { ctx, bytes, count in
            guard let ctx, let bytes else { return }
            Unmanaged<XMLFeedReader>.fromOpaque(ctx).takeUnretainedValue().characters(bytes, Int(count))
        }
        sax.cdataBlock = sax.characters
        sax.ignorableWhitespace = sax.characters
        sax.getEntity = { _, name in
            guard let name else { return nil }
            return FeedEntities.entity(named: name)
        }
        sax.serror = { ctx, error in
            guard let ctx, let error, earshot_error_level(error) >= 2 else { return }
            let reader = Unmanaged<XMLFeedReader>.fromOpaque(ctx).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
            reader.error(line: Int(error.pointee.line), message: message.trimmingSpaces())
        }

        let user = Unmanaged.passUnretained(reader).toOpaque()
        let parsed: Bool = withExtendedLifetime(reader) {
            body.withUnsafeBytes { raw -> Bool in
                let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                guard
                    let context = earshot_ctxt_create(
                        base, Int32(raw.count), &sax, user, earshot_feed_parse_options(), url, charset)
                else { return false }
                reader.context = context
                _ = earshot_ctxt_parse(context, base, Int32(raw.count))
                reader.finishOpenItem()
                reader.context = nil
                earshot_ctxt_free(context)
                return true
            }
        }
        guard parsed else { throw FeedError(source: source, url: url, message: "cannot create an XML parser") }
        if let notFeed = reader.notFeed { throw FeedError(source: source, url: url, message: notFeed) }
        guard let format = reader.format else {
            let detail = reader.firstError.map { "XML error at line \($0.line): \($0.message)" } ?? "no root element"
            throw FeedError(source: source, url: url, message: "not a feed: \(detail)")
        }
        if reader.itemCount == 0, let error = reader.firstError {
            throw FeedError(source: source, url: url, message: "XML error at line \(error.line): \(error.message)")
        }
        var feed = Feed(
            format: format,
            title: HTMLText.string(reader.feedTitle ?? [], mode: reader.feedTitleMode),
            link: reader.feedLink,
            posts: reader.posts,
            ttl: reader.ttl.flatMap { $0 > 0 ? Duration.seconds($0 * 60) : nil },
            skipped: reader.skipped)
        feed.skipHours = reader.skipHours
        feed.skipDays = reader.skipDays
        return feed
    }
}
