extension Matcher {
    /// What verifying an occurrence, finding candidate watches and evaluating a watch need to know about an
    /// atom, in one record.
    struct AtomInfo: Sendable {
        /// Where the watches that use it are in ``Tables/atomWatches``.
        var watchesStart: Int32
        var watchesEnd: Int32
        /// The fields a textual atom looks in (none for the others).
        var fields: FieldSet
        /// Textual, with boundary checks only (no `raw:`, no wildcard).
        var plain: Bool
        /// Found in text (``Atom/isTextual``).
        var textual: Bool
        /// The one reported term (in ``Tables/termNames``) that this atom finds, ``noTerm`` when it finds none
        /// (it is only in a `NOT`), ``severalTerms`` when it finds more than one (several watches list the same
        /// term, or an entity's terms share names).
        var term: Int32 = Self.noTerm

        static let noTerm: Int32 = -2
        static let severalTerms: Int32 = -1

        init(_ atom: Atom, watches: Range<Int32>) {
            watchesStart = watches.lowerBound
            watchesEnd = watches.upperBound
            textual = atom.isTextual
            if case .text(_, let fields, let check) = atom.kind {
                self.fields = fields
                if case .plain = check { plain = true } else { plain = false }
            } else {
                fields = []
                plain = false
            }
        }
    }
}
