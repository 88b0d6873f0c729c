/// Folding of terms (not post text) into the automaton's patterns.
enum TermFold {
    /// The folded bytes of `term` (with word markers), without leading or trailing spaces; empty when the term
    /// folds to nothing.
    static func fold(_ term: String) -> [UInt8] {
        var folded = FoldedText(term).bytes
        while folded.last == UInt8(ascii: " ") { folded.removeLast() }
        while folded.first == UInt8(ascii: " ") { folded.removeFirst() }
        return folded
    }
}
