import CLibXML2
import EarshotCore
import Foundation

/// The state of one SAX2 parse of an RSS, RDF or Atom document. Lives on one thread for one `parse` call; libxml2
/// reaches it through the callbacks' user-data pointer.
final class XMLFeedReader {
    /// What the characters being collected belong to.
    enum Target {
        case none
        case feedTitle, feedLink, feedLanguage, ttl, skipHour, skipDay
        case title, dcTitle, link, guid, description, content, media, rssAuthor, creator, authorName
        case published, updated, language
    }

    /// The post being assembled from one `<item>` / `<entry>`.
    struct Item {
        var line = 0
        var title: [UInt8]?
        var titleMode = HTMLText.Mode.html
        var dcTitle: [UInt8]?
        var link: String?
        var atomLink: String?
        var guid: String?
        var guidIsPermaLink = true
        var about: String?
        var description: [UInt8]?
        var descriptionMode = HTMLText.Mode.html
        var content: [UInt8]?
        var contentMode = HTMLText.Mode.html
        var media: [UInt8]?
        var mediaMode = HTMLText.Mode.plain
        var author: String?
        var published: String?
        var updated: String?
        var language: String?
        var xmlLang: String?
    }

    let source: String
    let url: String
    var context: xmlParserCtxtPtr?

    // Document.
    var format: FeedFormat?
    var notFeed: String?
    var depth = 0
    var channelDepth = -1
    var rootNamespace = XMLNamespace.none
    var feedTitle: [UInt8]?
    var feedTitleMode = HTMLText.Mode.html
    var feedLink: String?
    var feedLanguage: String?
    var feedAuthor: String?
    var ttl: Int?
    /// RSS `<skipHours>` (GMT hours, 0-23) and `<skipDays>` (weekday numbers, 1 = Sunday).
    var skipHours: Set<Int> = []
    var skipDays: Set<Int> = []
    /// Depth of an open `<skipHours>` / `<skipDays>`, whose children are captured.
    var skipDepth = -1
    var skipTarget = Target.none

    // Item.
    var itemDepth = -1
    var authorDepth = -1
    var item = Item()
    var itemCount = 0
    var posts: [Post] = []
    var skipped: [String] = []

    // Capture.
    var target = Target.none
    var captureDepth = 0
    var captureMode = CaptureMode.text
    var buffer: [UInt8] = []

    /// How child markup and characters are kept while capturing.
    enum CaptureMode {
        /// Characters only; child elements ignored.
        case text
        /// Characters as they are (entity-escaped HTML); child elements (unescaped HTML) rebuilt as tags.
        case html
        /// Inline XHTML: child elements rebuilt as tags and characters re-escaped.
        case xhtml
    }

    // Scoped xml:base and xml:lang.
    var bases: [(depth: Int, value: String)] = []
    var langs: [(depth: Int, value: String)] = []

    // Errors.
    var firstError: (line: Int, message: String)?
    var errorCount = 0

    // Namespace URI pointers seen in this parse (libxml2 interns names, so pointers repeat).
    var namespaceCache: [(uri: UnsafePointer<xmlChar>, ns: XMLNamespace)] = []

    init(source: String, url: String) {
        self.source = source
        self.url = url
        buffer.reserveCapacity(4096)
    }

    var currentBase: String { bases.last?.value ?? url }

    @inline(__always) func namespace(_ uri: UnsafePointer<xmlChar>?) -> XMLNamespace {
        guard let uri else { return .none }
        for entry in namespaceCache where entry.uri == uri { return entry.ns }
        let ns = XMLNamespace.classify(uri)
        if namespaceCache.count < 32 { namespaceCache.append((uri, ns)) }
        return ns
    }

    // MARK: - SAX events

    func startElement(
        _ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ attributes: Attributes
    ) {
        depth += 1
        if errorCount > 0, let context { earshot_ctxt_keep_entities(context) }
        if attributes.count > 0 { scopeAttributes(attributes) }

        let ns = namespace(uri)
        if itemDepth >= 0 && isItem(local, ns) {
            // An item inside an item only happens when an unclosed tag broke the nesting (libxml2 recovers by
            // keeping it open): close the current item so the rest of the feed is still read.
            finishOpenItem()
            beginItem(attributes)
            return
        }
        if target != .none {
            if errorCount > 0 && itemDepth >= 0 && format != .atom && isRSSItemField(local, ns) {
                // An unclosed tag swallowed the next field (`<title>a <b>b</title><link>...`): end the capture.
                finishCapture()
                itemElement(local, ns, attributes)
            } else if captureMode != .text {
                buffer.append(UInt8(ascii: "<"))
                appendCString(local)
                buffer.append(UInt8(ascii: ">"))
            }
            return
        }
        if depth == 1 {
            detectRoot(local, ns)
            return
        }
        if itemDepth < 0 {
            if isItem(local, ns) {
                beginItem(attributes)
            } else if channelDepth < 0 {
                if (ns == .none || ns == .rss10 || ns == .rss090) && XMLName.equals(local, "channel") {
                    channelDepth = depth
                }
            } else if depth == channelDepth + 1 {
                channelElement(local, ns, attributes)
            } else if skipDepth >= 0 && depth == skipDepth + 1 {
                begin(skipTarget, .text)
            } else if authorDepth >= 0 && depth == authorDepth + 1 && XMLName.equals(local, "name") {
                begin(.authorName, .text)
            }
            return
        }
        itemElement(local, ns, attributes)
    }

    func endElement(_ local: UnsafePointer<xmlChar>) {
        if errorCount > 0, let context { earshot_ctxt_keep_entities(context) }
        if target != .none {
            if depth == captureDepth {
                finishCapture()
            } else if captureMode != .text {
                buffer.append(UInt8(ascii: "<"))
                buffer.append(UInt8(ascii: "/"))
                appendCString(local)
                buffer.append(UInt8(ascii: ">"))
            }
        }
        if depth == authorDepth { authorDepth = -1 }
        if depth == skipDepth { skipDepth = -1 }
        if depth == itemDepth { finishItem() }
        if let last = bases.last, last.depth == depth { bases.removeLast() }
        if let last = langs.last, last.depth == depth { langs.removeLast() }
        depth -= 1
    }

    @inline(__always) func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        guard target != .none else { return }
        if errorCount > 0, let context { earshot_ctxt_keep_entities(context) }
        if captureMode == .xhtml {
            appendEscaped(UnsafeBufferPointer(start: bytes, count: count))
        } else {
            buffer.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        }
    }

    func error(line: Int, message: String) {
        errorCount += 1
        if firstError == nil { firstError = (line, message) }
    }

    // MARK: - Structure

    func detectRoot(_ local: UnsafePointer<xmlChar>, _ ns: XMLNamespace) {
        rootNamespace = ns
        if XMLName.equals(local, "rss") && (ns == .none || ns == .other) {
            format = .rss
        } else if XMLName.equals(local, "RDF") && ns == .rdf {
            format = .rdf
        } else if XMLName.equals(local, "feed") && (ns == .atom || ns == .atom03 || ns == .none) {
            format = .atom
            channelDepth = 1
        } else if XMLName.equals(local, "html") || XMLName.equals(local, "HTML") {
            notFeed = "not a feed: HTML document"
        } else {
            notFeed = "not a feed: root element <\(XMLName.string(local))>"
        }
        if notFeed != nil, let context { earshot_ctxt_stop(context) }
    }

    func isItem(_ local: UnsafePointer<xmlChar>, _ ns: XMLNamespace) -> Bool {
        switch format {
        case .rss: return ns == .none && XMLName.equals(local, "item")
        case .rdf: return (ns == .rss10 || ns == .rss090 || ns == .none) && XMLName.equals(local, "item")
        case .atom: return ns == rootNamespace && XMLName.equals(local, "entry")
        default: return false
        }
    }

    /// RSS item children that never legitimately appear inside another item field.
    func isRSSItemField(_ local: UnsafePointer<xmlChar>, _ ns: XMLNamespace) -> Bool {
        guard ns == .none || ns == .rss10 || ns == .rss090 else { return false }
        return XMLName.equals(local, "title") || XMLName.equals(local, "link") || XMLName.equals(local, "guid")
            || XMLName.equals(local, "description") || XMLName.equals(local, "pubDate")
            || XMLName.equals(local, "author")
    }

    func beginItem(_ attributes: Attributes) {
        itemDepth = depth
        item = Item()
        item.line = Int(earshot_ctxt_line(context))
        item.xmlLang = langs.last?.value
        if format == .rdf, let about = attributes.value(local: "about", ns: .rdf, reader: self) {
            item.about = about.trimmingSpaces()
        }
    }

    func channelElement(_ local: UnsafePointer<xmlChar>, _ ns: XMLNamespace, _ attributes: Attributes) {
        switch ns {
        case .none, .rss10, .rss090:
            if format == .atom {
                if ns == rootNamespace { atomChannelElement(local, attributes) }
                return
            }
            if XMLName.equals(local, "title") {
                begin(.feedTitle, .text)
            } else if XMLName.equals(local, "link") {
                begin(.feedLink, .text)
            } else if XMLName.equals(local, "language") {
                begin(.feedLanguage, .text)
            } else if XMLName.equals(local, "ttl") {
                begin(.ttl, .text)
            } else if XMLName.equals(local, "skipHours") {
                skipDepth = depth
                skipTarget = .skipHour
            } else if XMLName.equals(local, "skipDays") {
                skipDepth = depth
                skipTarget = .skipDay
            }
        case .atom, .atom03:
            if format == .atom { atomChannelElement(local, attributes) }
        case .dc:
            if XMLName.equals(local, "language") { begin(.feedLanguage, .text) }
        default:
            break
        }
    }

    func atomChannelElement(_ local: UnsafePointer<xmlChar>, _ attributes: Attributes) {
        if XMLName.equals(local, "title") {
            feedTitleMode = atomTextMode(attributes) == .text ? .plain : .html
            begin(.feedTitle, atomTextMode(attributes))
        } else if XMLName.equals(local, "link") {
            if feedLink == nil, let href = alternateHref(attributes) { feedLink = href }
        } else if XMLName.equals(local, "author") {
            authorDepth = depth
        }
    }

    func itemElement(_ local: UnsafePointer<xmlChar>, _ ns: XMLNamespace, _ attributes: Attributes) {
        // After an error libxml2's nesting may be off by the elements it kept open, so accept any depth then.
        let direct = depth == itemDepth + 1 || errorCount > 0
        switch ns {
        case .none, .rss10, .rss090:
            guard direct else { return }
            if format == .atom {
                if ns == rootNamespace { atomItemElement(local, attributes) }
                return
            }
            if XMLName.equals(local, "title") {
                item.titleMode = .html
                begin(.title, .html)
            } else if XMLName.equals(local, "link") {
                begin(.link, .text)
            } else if XMLName.equals(local, "description") {
                item.descriptionMode = .html
                begin(.description, .html)
            } else if XMLName.equals(local, "guid") {
                if let permalink = attributes.value(local: "isPermaLink", ns: .none, reader: self) {
                    item.guidIsPermaLink = permalink.trimmingSpaces().lowercased() != "false"
                }
                begin(.guid, .text)
            } else if XMLName.equals(local, "author") {
                begin(.rssAuthor, .text)
            } else if XMLName.equals(local, "pubDate") {
                begin(.published, .text)
            }
        case .atom, .atom03:
            if format == .atom {
                if direct {
                    atomItemElement(local, attributes)
                } else if authorDepth >= 0 && depth == authorDepth + 1 && XMLName.equals(local, "name") {
                    begin(.authorName, .text)
                }
            } else if XMLName.equals(local, "link") {
                // atom:link inside RSS.
                if item.atomLink == nil, let href = alternateHref(attributes) { item.atomLink = href }
            }
        case .dc:
            if XMLName.equals(local, "creator") {
                begin(.creator, .text)
            } else if XMLName.equals(local, "date") {
                begin(.published, .text)
            } else if XMLName.equals(local, "language") {
                begin(.language, .text)
            } else if XMLName.equals(local, "title") {
                begin(.dcTitle, .html)
            } else if XMLName.equals(local, "description") && item.description == nil {
                item.descriptionMode = .html
                begin(.description, .html)
            }
        case .content:
            if XMLName.equals(local, "encoded") {
                item.contentMode = .html
                begin(.content, .html)
            }
        case .media:
            if XMLName.equals(local, "description") && item.media == nil {
                let type = attributes.value(local: "type", ns: .none, reader: self)
                item.mediaMode = type == "html" ? .html : .plain
                begin(.media, type == "html" ? .html : .text)
            }
        default:
            break
        }
    }

    func atomItemElement(_ local: UnsafePointer<xmlChar>, _ attributes: Attributes) {
        if XMLName.equals(local, "title") {
            let mode = atomTextMode(attributes)
            item.titleMode = mode == .text ? .plain : .html
            begin(.title, mode)
        } else if XMLName.equals(local, "link") {
            if item.link == nil, let href = alternateHref(attributes) { item.link = href }
        } else if XMLName.equals(local, "id") {
            begin(.guid, .text)
        } else if XMLName.equals(local, "content") {
            guard attributes.value(local: "src", ns: .none, reader: self) == nil else { return }
            let mode = atomTextMode(attributes)
            item.contentMode = mode == .text ? .plain : .html
            begin(.content, mode)
        } else if XMLName.equals(local, "summary") {
            let mode = atomTextMode(attributes)
            item.descriptionMode = mode == .text ? .plain : .html
            begin(.description, mode)
        } else if XMLName.equals(local, "published") || XMLName.equals(local, "issued") {
            begin(.published, .text)
        } else if XMLName.equals(local, "updated") || XMLName.equals(local, "modified")
            || XMLName.equals(local, "created")
        {
            begin(.updated, .text)
        } else if XMLName.equals(local, "author") {
            authorDepth = depth
        }
    }

    /// Atom text constructs: `type` text (default), html, xhtml; Atom 0.3 also `mode` escaped/xml and MIME types.
    func atomTextMode(_ attributes: Attributes) -> CaptureMode {
        let mode = attributes.value(local: "mode", ns: .none, reader: self)
        if mode == "xml" { return .xhtml }
        guard let type = attributes.value(local: "type", ns: .none, reader: self)?.lowercased() else {
            return mode == "escaped" ? .html : .text
        }
        if type == "xhtml" || type.hasSuffix("xhtml+xml") { return .xhtml }
        if type == "html" || type == "text/html" { return mode == "xml" ? .xhtml : .html }
        return .text
    }

    /// The resolved `href` of an Atom link whose `rel` is absent or `alternate`.
    func alternateHref(_ attributes: Attributes) -> String? {
        if let rel = attributes.value(local: "rel", ns: .none, reader: self), rel != "alternate" { return nil }
        guard let href = attributes.value(local: "href", ns: .none, reader: self)?.trimmingSpaces(), !href.isEmpty
        else { return nil }
        return LinkResolver.resolve(href, against: currentBase)
    }

    /// Records `xml:base` and `xml:lang` for the element just opened.
    func scopeAttributes(_ attributes: Attributes) {
        for i in 0..<attributes.count {
            guard let uri = attributes.uri(i), namespace(uri) == .xml, let local = attributes.local(i) else {
                continue
            }
            if XMLName.equals(local, "base") {
                let value = attributes.value(i).trimmingSpaces()
                bases.append((depth, LinkResolver.resolve(value, against: currentBase)))
            } else if XMLName.equals(local, "lang") {
                langs.append((depth, attributes.value(i).trimmingSpaces()))
            }
        }
    }

    // MARK: - Capture

    func begin(_ target: Target, _ mode: CaptureMode) {
        self.target = target
        captureDepth = depth
        captureMode = mode
        buffer.removeAll(keepingCapacity: true)
    }

    func finishCapture() {
        let target = self.target
        self.target = .none
        switch target {
        case .none: break
        case .feedTitle: if feedTitle == nil { feedTitle = buffer }
        case .feedLink:
            if feedLink == nil {
                let link = trimmedBuffer()
                if !link.isEmpty { feedLink = LinkResolver.resolve(link, against: currentBase) }
            }
        case .feedLanguage: if feedLanguage == nil { feedLanguage = nonEmpty(trimmedBuffer()) }
        case .ttl: ttl = Int(trimmedBuffer())
        case .skipHour:
            if let hour = Int(trimmedBuffer()), (0...24).contains(hour) { skipHours.insert(hour % 24) }
        case .skipDay:
            let names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
            if let index = names.firstIndex(of: trimmedBuffer().lowercased()) { skipDays.insert(index + 1) }
        case .title: if item.title == nil { item.title = buffer }
        case .dcTitle: if item.dcTitle == nil { item.dcTitle = buffer }
        case .link:
            let link = trimmedBuffer()
            if item.link == nil && !link.isEmpty { item.link = LinkResolver.resolve(link, against: currentBase) }
        case .guid: if item.guid == nil { item.guid = nonEmpty(trimmedBuffer()) }
        case .description: if item.description == nil { item.description = buffer }
        case .content: if item.content == nil { item.content = buffer }
        case .media: if item.media == nil { item.media = buffer }
        case .rssAuthor: if item.author == nil { item.author = nonEmpty(Self.rssAuthorName(trimmedBuffer())) }
        case .creator, .authorName:
            let name = nonEmpty(HTMLText.string(buffer, mode: .plain))
            if itemDepth >= 0 {
                if item.author == nil || target == .creator { item.author = name ?? item.author }
            } else if feedAuthor == nil {
                feedAuthor = name
            }
        case .published: if item.published == nil { item.published = trimmedBuffer() }
        case .updated: if item.updated == nil { item.updated = trimmedBuffer() }
        case .language: if item.language == nil { item.language = nonEmpty(trimmedBuffer()) }
        }
    }

    /// Finishes an item that the document left open (broken nesting or a truncated feed).
    func finishOpenItem() {
        guard itemDepth >= 0 else { return }
        if target != .none { finishCapture() }
        finishItem()
    }

    func finishItem() {
        itemDepth = -1
        authorDepth = -1
        itemCount += 1
        let current = item
        item = Item()
        let title = HTMLText.string(current.title ?? current.dcTitle ?? [], mode: current.titleMode)
        let text: String
        if let content = current.content, let body = nonEmpty(HTMLText.string(content, mode: current.contentMode)) {
            text = body
        } else if let description = current.description,
            let body = nonEmpty(HTMLText.string(description, mode: current.descriptionMode))
        {
            text = body
        } else if let media = current.media {
            text = HTMLText.string(media, mode: current.mediaMode)
        } else {
            text = ""
        }
        if title.isEmpty && text.isEmpty {
            skipped.append("item \(itemCount) (line \(current.line)): no title or text")
            return
        }
        var link = current.link ?? current.atomLink
        if link == nil, format == .rss, current.guidIsPermaLink, let guid = current.guid, LinkResolver.hasScheme(guid),
            guid.hasPrefix("http")
        {
            link = guid
        }
        let id = current.guid ?? current.about ?? link ?? PostIdentity.hash(title: title, text: text)
        let published = (current.published.flatMap(FeedDate.parse)) ?? (current.updated.flatMap(FeedDate.parse))
        posts.append(
            Post(
                source: source, id: id, url: link, title: title, text: text,
                author: current.author ?? (format == .atom ? feedAuthor : nil), published: published,
                lang: current.language ?? current.xmlLang ?? feedLanguage))
    }

    // MARK: - Bytes

    func trimmedBuffer() -> String {
        buffer.withUnsafeBufferPointer { b in
            var start = 0
            var end = b.count
            while start < end && HTMLText.isSpace(b[start]) { start += 1 }
            while end > start && HTMLText.isSpace(b[end - 1]) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }
    }

    func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    @inline(__always) func appendCString(_ p: UnsafePointer<xmlChar>) {
        var i = 0
        while p[i] != 0 {
            buffer.append(p[i])
            i += 1
        }
    }

    func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes {
            switch b {
            case UInt8(ascii: "<"): buffer.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case UInt8(ascii: "&"): buffer.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            default: buffer.append(b)
            }
        }
    }

    /// RSS `<author>` is an e-mail address, often `joe@example.com (Joe Bloggs)`: prefer the name in parentheses.
    static func rssAuthorName(_ value: String) -> String {
        guard value.hasSuffix(")"), let open = value.firstIndex(of: "(") else { return value }
        let name = value[value.index(after: open)..<value.index(before: value.endIndex)]
        let trimmed = String(name).trimmingSpaces()
        return trimmed.isEmpty ? value : trimmed
    }
}

/// libxml2's SAX2 attribute array: five pointers per attribute (local name, prefix, URI, value, value end).
struct Attributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    func local(_ i: Int) -> UnsafePointer<xmlChar>? { base?[i * 5] }
    func uri(_ i: Int) -> UnsafePointer<xmlChar>? { base?[i * 5 + 2] }

    func value(_ i: Int) -> String {
        guard let start = base?[i * 5 + 3], let end = base?[i * 5 + 4] else { return "" }
        return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
    }

    /// The value of the attribute with this local name in namespace `ns`, if present.
    func value(local name: StaticString, ns: XMLNamespace, reader: XMLFeedReader) -> String? {
        for i in 0..<count {
            guard let local = local(i), XMLName.equals(local, name), reader.namespace(uri(i)) == ns else { continue }
            return value(i)
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace.
    func trimmingSpaces() -> String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end && HTMLText.isSpace(bytes[start]) { start += 1 }
        while end > start && HTMLText.isSpace(bytes[end - 1]) { end -= 1 }
        if start == 0 && end == bytes.count { return self }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
