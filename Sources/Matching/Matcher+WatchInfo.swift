extension Matcher {
    /// What building a watch's mention needs to know about it, in one record.
    struct WatchInfo: Sendable {
        /// Where its steps start in ``Tables/steps``.
        var steps: Int32
        /// Where its reported terms are in ``Tables/termNames`` and ``Tables/termEnds``.
        var termsStart: Int32
        var termsEnd: Int32
        /// Every atom of its reported terms is textual (holds exactly when it was found).
        var textualTerms: Bool
        /// It holds whenever it is a candidate, without evaluating it: its program holds with any of its atoms,
        /// all textual, so the found atom that made it a candidate is enough.
        var holdsAsCandidate: Bool
    }
}
