extension WordIndex {
    /// Calls `report(pattern, start, end)` for each pattern filed under `hit` that occurs in ASCII `text` with its
    /// key where the hit found it, in offsets of `text` (`end` just after the occurrence). The patterns are
    /// compared with the text itself as the fold would have it (ASCII lowercased, a whitespace run as one space, a
    /// marker where a word starts), so that a field the collecting first read went through need not be folded;
    /// no boundary after the occurrence is checked here.
    func verifyASCII(
        _ hit: KeyHit, in text: UnsafeBufferPointer<UInt8>,
        report: (_ pattern: Int, _ start: Int, _ end: Int) -> Void
    ) {
        let table = hit.prefix ? prefixes : keys
        let slot = table.slots[Int(hit.slot)]
        let keyStart = Int(hit.keyStart)
        patternBytes.withUnsafeBufferPointer { pattern in
            FoldedText.asciiFold.withUnsafeBufferPointer { fold in
                FoldedText.asciiWord.withUnsafeBufferPointer { isWord in
                    let compare = ASCIICompare(pattern: pattern, text: text, fold: fold, isWord: isWord)
                    for index in Int(slot.start)..<Int(slot.start + slot.count) {
                        let entry = table.entries[index]
                        let id = Int(entry.pattern)
                        let from = Int(patternStarts[id])
                        let key = from + Int(entry.keyOffset)
                        guard let end = compare.forward(pattern: key..<Int(patternStarts[id + 1]), at: keyStart),
                            let start = compare.backward(pattern: from..<key, at: keyStart)
                        else { continue }
                        report(id, start, end)
                    }
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

    @inline(__always)
    private func isSpace(_ byte: UInt8) -> Bool {
        byte < 0x80 && fold[Int(byte)] == Self.space
    }

    /// Where the text that matches `pattern` from `offset` on ends, or nil.
    @inline(__always)
    func forward(pattern range: Range<Int>, at offset: Int) -> Int? {
        var t = offset
        for i in range {
            let p = pattern[i]
            // A marker: the pattern's byte before it is no word byte and matched already, so a word starts here.
            if p == FoldedText.marker { continue }
            guard t < text.count else { return nil }
            let byte = text[t]
            guard byte < 0x80 else { return nil }
            if p == Self.space {
                guard isSpace(byte) else { return nil }
                t += 1
                while t < text.count && isSpace(text[t]) { t += 1 }
            } else {
                guard fold[Int(byte)] == p else { return nil }
                t += 1
            }
        }
        return t
    }

    /// Where the text that matches `pattern` up to `offset` starts, or nil.
    @inline(__always)
    func backward(pattern range: Range<Int>, at offset: Int) -> Int? {
        var t = offset
        for i in range.reversed() {
            let p = pattern[i]
            if p == FoldedText.marker {
                // A word starts here: nothing before it, or no word byte.
                if t > 0 && (text[t - 1] >= 0x80 || isWord[Int(text[t - 1])] != 0) { return nil }
                continue
            }
            guard t > 0 else { return nil }
            let byte = text[t - 1]
            guard byte < 0x80 else { return nil }
            if p == Self.space {
                guard isSpace(byte) else { return nil }
                t -= 1
                while t > 0 && isSpace(text[t - 1]) { t -= 1 }
            } else {
                guard fold[Int(byte)] == p else { return nil }
                t -= 1
            }
        }
        return t
    }
}
