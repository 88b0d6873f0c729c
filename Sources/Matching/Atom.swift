/// One distinct condition a watch can test: a folded pattern found in some fields (with an extra check for
/// wildcards and raw terms), or a test on a post's metadata. Atoms are shared by every watch that uses them.
struct Atom: Sendable, Hashable {
    /// What is verified after the automaton found the pattern.
    enum Check: Sendable, Hashable {
        /// Word boundaries only.
        case plain
        /// The rest of a wildcard after its literal prefix, folded; `*` and `?` as themselves.
        case wildcard(rest: [UInt8])
        /// The exact UTF-8 the original text must have at the occurrence.
        case raw([UInt8])
    }

    enum Kind: Sendable, Hashable {
        /// `pattern` in one of `fields` (a ``FieldSet``).
        case text(pattern: Int, fields: FieldSet, check: Check)
        /// The post's or a linked URL's host is `host` or a subdomain of it.
        case domain(String)
        /// The post's source id is this.
        case source(String)
        /// The post's language tag is this or starts with this and `-`.
        case lang(String)
    }

    var kind: Kind

    /// Whether the atom is found by the automaton.
    var isTextual: Bool {
        if case .text = kind { return true }
        return false
    }
}

/// A set of scanned fields, one bit each.
struct FieldSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let title = FieldSet(rawValue: 1)
    static let text = FieldSet(rawValue: 2)
    static let author = FieldSet(rawValue: 4)
    static let url = FieldSet(rawValue: 8)

    /// The scanned fields, by index: title, text, author, url.
    static let names = ["title", "text", "author", "url"]

    /// The set holding only field `index`.
    init(index: Int) { rawValue = 1 << UInt8(index) }

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The fields a query field scans.
    init?(_ field: QueryField) {
        switch field {
        case .any: self = [.title, .text]
        case .title: self = .title
        case .text: self = .text
        case .author: self = .author
        case .url: self = .url
        case .domain, .source, .lang: return nil
        }
    }
}
