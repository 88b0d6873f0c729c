import CLibXML2

/// The namespaces the reader understands, identified by URI (never by prefix).
enum XMLNamespace {
    case none, atom, atom03, rss10, rss090, rdf, dc, content, media, xml, other

    /// Classifies a namespace URI from libxml2 (NUL-terminated, nil for no namespace).
    static func classify(_ uri: UnsafePointer<xmlChar>?) -> XMLNamespace {
        guard let uri else { return .none }
        if XMLName.equals(uri, "http://www.w3.org/2005/Atom") { return .atom }
        if XMLName.equals(uri, "http://purl.org/dc/elements/1.1/") { return .dc }
        if XMLName.equals(uri, "http://purl.org/rss/1.0/modules/content/") { return .content }
        if XMLName.equals(uri, "http://search.yahoo.com/mrss/") { return .media }
        if XMLName.equals(uri, "http://search.yahoo.com/mrss") { return .media }
        if XMLName.equals(uri, "http://purl.org/rss/1.0/") { return .rss10 }
        if XMLName.equals(uri, "http://www.w3.org/1999/02/22-rdf-syntax-ns#") { return .rdf }
        if XMLName.equals(uri, "http://my.netscape.com/rdf/simple/0.9/") { return .rss090 }
        if XMLName.equals(uri, "http://purl.org/atom/ns#") { return .atom03 }
        if XMLName.equals(uri, "http://www.w3.org/XML/1998/namespace") { return .xml }
        return .other
    }
}

/// Byte-level helpers for libxml2's NUL-terminated names.
enum XMLName {
    /// Whether the NUL-terminated `p` equals `literal`.
    @inline(__always) static func equals(_ p: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let q = literal.utf8Start
        let n = literal.utf8CodeUnitCount
        var i = 0
        while i < n {
            if p[i] != q[i] { return false }
            i += 1
        }
        return p[n] == 0
    }

    /// A Swift string from a NUL-terminated libxml2 string.
    static func string(_ p: UnsafePointer<xmlChar>) -> String {
        String(cString: p)
    }
}
