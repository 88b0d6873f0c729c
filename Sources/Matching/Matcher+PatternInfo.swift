extension Matcher {
    /// What a hit on a pattern needs to know about it, in one record.
    struct PatternInfo: Sendable {
        struct Flags: OptionSet, Sendable {
            let rawValue: UInt8
            /// The pattern ends with a word character, so an occurrence needs a boundary after it.
            static let boundaryAfter = Flags(rawValue: 1)
            /// Every atom using it needs that boundary (occurrences without it are dropped early).
            static let boundaryRequired = Flags(rawValue: 2)
            /// It starts with `#` or `@` and needs a non-word character before it.
            static let tagStart = Flags(rawValue: 4)
        }

        /// In folded bytes.
        var length: Int32
        /// Where its atoms are in ``Tables/patternAtoms``.
        var atomsStart: Int32
        var atomsEnd: Int32
        var flags: Flags
    }
}
