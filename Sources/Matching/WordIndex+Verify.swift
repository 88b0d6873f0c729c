extension WordIndex {
    /// Calls `report(pattern, start, end)` for each pattern filed under `hit` that occurs in `text` with its key
    /// where the hit found it, in offsets of `text` (`end` just after the occurrence). The patterns are compared
    /// with the text itself as the fold would have it (ASCII lowercased, a whitespace run as one space, a marker
    /// where a word starts), so that a field the collecting first read went through need not be folded; no
    /// boundary after the occurrence is checked here.
    ///
    /// - Returns: false when a comparison reached a non-ASCII byte, whose fold only ``FoldedText`` knows: then
    ///   nothing is settled, and the field must be folded and scanned.
    func verifyASCII(
        _ hit: KeyHit, in text: UnsafeBufferPointer<UInt8>,
        report: (_ pattern: Int, _ start: Int, _ end: Int) -> Void
    ) -> Bool {
        let slot = hit.prefix ? prefixes.slots[hit.slot] : keys.slots[hit.slot]
        let keyStart = Int(hit.keyStart)
        return patternBytes.withUnsafeBufferPointer { pattern in
            FoldedText.asciiFold.withUnsafeBufferPointer { fold in
                FoldedText.asciiWord.withUnsafeBufferPointer { isWord in
                    let compare = ASCIICompare(pattern: pattern, text: text, fold: fold, isWord: isWord)
                    for index in Int(slot.start)..<Int(slot.start + slot.count) {
                        let entry = hit.prefix ? prefixes.entries[index] : keys.entries[index]
                        let id = Int(entry.pattern)
                        let from = Int(entry.from)
                        let key = from + Int(entry.keyOffset)
                        let end = compare.forward(pattern: key..<Int(entry.to), at: keyStart)
                        if end == ASCIICompare.undecided { return false }
                        guard end >= 0 else { continue }
                        // The marker before the key holds: the first read started the key's word where the
                        // fold starts one (a word that goes on across other characters is read whole, elsewhere).
                        let start = compare.backward(pattern: from..<(key - 1), at: keyStart)
                        if start == ASCIICompare.undecided { return false }
                        guard start >= 0 else { continue }
                        report(id, start, end)
                    }
                    return true
                }
            }
        }
    }
}

/// Compares folded pattern bytes with ASCII text as ``FoldedText`` would fold it, without folding it.
private struct ASCIICompare {
    let pattern: UnsafeBufferPointer<UInt8>
    let text: UnsafeBufferPointer<UInt8>
    let fold: UnsafeBufferPointer<UInt8>
    let isWord: UnsafeBufferPointer<UInt8>

    private static let space = UInt8(ascii: " ")
    /// What a comparison returns for text that does not match.
    static let mismatch = -1
    /// What a comparison returns when it reached a non-ASCII byte.
    static let undecided = -2

    @inline(__always)
    private func isSpace(_ byte: UInt8) -> Bool {
        byte < 0x80 && fold[Int(byte)] == Self.space
    }

    /// Where the text that matches `pattern` from `offset` on ends, or ``mismatch`` or ``undecided``.
    @inline(__always)
    func forward(pattern range: Range<Int>, at offset: Int) -> Int {
        var t = offset
        for i in range {
            let p = pattern[i]
            // A marker: the pattern's byte before it is no word byte and matched already, so a word starts here.
            if p == FoldedText.marker { continue }
            guard t < text.count else { return Self.mismatch }
            let byte = text[t]
            guard byte < 0x80 else { return Self.undecided }
            if p == Self.space {
                guard isSpace(byte) else { return Self.mismatch }
                t += 1
                while t < text.count && isSpace(text[t]) { t += 1 }
                // A run that goes on in other characters (a no-break space) is the fold's to judge.
                if t < text.count && text[t] >= 0x80 { return Self.undecided }
            } else {
                guard fold[Int(byte)] == p else { return Self.mismatch }
                t += 1
            }
        }
        return t
    }

    /// Where the text that matches `pattern` up to `offset` starts, or ``mismatch`` or ``undecided``.
    @inline(__always)
    func backward(pattern range: Range<Int>, at offset: Int) -> Int {
        var t = offset
        for i in range.reversed() {
            let p = pattern[i]
            if p == FoldedText.marker {
                // A word starts here: nothing before it, or no word byte.
                if t > 0 && text[t - 1] >= 0x80 { return Self.undecided }
                if t > 0 && isWord[Int(text[t - 1])] != 0 { return Self.mismatch }
                continue
            }
            guard t > 0 else { return Self.mismatch }
            let byte = text[t - 1]
            guard byte < 0x80 else { return Self.undecided }
            if p == Self.space {
                guard isSpace(byte) else { return Self.mismatch }
                t -= 1
                while t > 0 && isSpace(text[t - 1]) { t -= 1 }
                if t > 0 && text[t - 1] >= 0x80 { return Self.undecided }
            } else {
                guard fold[Int(byte)] == p else { return Self.mismatch }
                t -= 1
            }
        }
        return t
    }
}
