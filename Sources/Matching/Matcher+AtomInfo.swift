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
