/// One term of a query as written: a word, a phrase, a wildcard, a raw phrase or an entity reference, with
/// the field it looks in.
public struct QueryTerm: Sendable, Hashable {
    /// What kind of term it is.
    public enum Kind: Sendable, Hashable {
        /// A bare word, possibly with punctuation (`acme`, `acme.com`, `c++`, `#acme`, `@acme`).
        case word
        /// A quoted phrase (`"acme cloud"`): its words in order, across any whitespace.
        case phrase
        /// A word with `*` (any letters) or `?` (one letter): `cloud*`, `colo?r`.
        case wildcard
        /// `raw:"Acme+"`: exact case and punctuation.
        case raw
        /// `entity:acme`: any name, handle, hashtag or domain of that entity.
        case entity
    }

    /// Where the term looks.
    public var field: QueryField
    /// Its kind.
    public var kind: Kind
    /// The term's text without quotes or prefix (`acme cloud`, `cloud*`, `Acme+`, the entity id).
    public var text: String
    /// How the term is shown in mentions and explanations: as written, with its prefix and quotes.
    public var display: String
    /// The 1-based column (in Unicode scalars) where the term starts in the query.
    public var column: Int

    /// Creates a term.
    public init(field: QueryField, kind: Kind, text: String, display: String, column: Int) {
        self.field = field
        self.kind = kind
        self.text = text
        self.display = display
        self.column = column
    }
}
