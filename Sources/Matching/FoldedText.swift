/// A field's text folded once for matching: lowercase, without diacritics, whitespace runs as one space, and a
/// ``marker`` byte before every word.
///
/// ASCII is folded by a byte loop over the UTF-8; other scalars go through ``ScalarFold``. The marker goes
/// before each word character that follows a non-word character (or the start); terms are folded the same way,
/// so a term that begins with a word character begins with a marker and can only match where a word begins:
/// the start boundary is checked by the automaton itself, at no cost. Folded positions map back to the
/// original's UTF-8 offsets through anchors recorded wherever the two drift apart (markers aside): a skipped
/// whitespace byte, a non-ASCII scalar that changed length; plain ASCII text records almost none.
struct FoldedText {
    /// Put before every word; `0xFF` never occurs in UTF-8.
    static let marker: UInt8 = 0xFF

    /// The folded UTF-8, with markers.
    let bytes: [UInt8]
    /// Unmarked folded offsets at which `original - unmarked` changes, ascending, starting with 0.
    private let anchorFolded: [Int]
    /// The original offset at each anchor.
    private let anchorOriginal: [Int]
    /// The original's UTF-8 length.
    let originalCount: Int

    /// ASCII fold: A-Z to a-z, whitespace to a space, everything else unchanged.
    private static let asciiFold: [UInt8] = (0..<128).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt8(byte) + 32
        case 0x09...0x0D: UInt8(ascii: " ")
        default: UInt8(byte)
        }
    }

    /// 1 for ASCII word bytes, else 0.
    private static let asciiWord: [UInt8] = WordBoundary.ascii.map { $0 == .word ? 1 : 0 }

    /// Folds `text`.
    init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        var anchorFolded = [0]
        var anchorOriginal = [0]
        let count = text.utf8.count
        let bytes = text.utf8.withContiguousStorageIfAvailable { source in
            // Worst case: a one-byte word after every one-byte non-word (markers), or a maximal fold plus marker.
            [UInt8](unsafeUninitializedCapacity: count * (ScalarFold.maxGrowth + 1) + 8) { out, written in
                Self.asciiFold.withUnsafeBufferPointer { fold in
                    Self.asciiWord.withUnsafeBufferPointer { isWord in
                        written = Self.fold(
                            source, into: out, fold: fold, isWord: isWord, anchorFolded: &anchorFolded,
                            anchorOriginal: &anchorOriginal)
                    }
                }
            }
        }
        self.bytes = bytes ?? []
        self.anchorFolded = anchorFolded
        self.anchorOriginal = anchorOriginal
        self.originalCount = count
    }

    /// The folding loop; returns the number of bytes written.
    @inline(__always)
    private static func fold(
        _ source: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>,
        fold: UnsafeBufferPointer<UInt8>, isWord: UnsafeBufferPointer<UInt8>, anchorFolded: inout [Int],
        anchorOriginal: inout [Int]
    ) -> Int {
        let space = UInt8(ascii: " ")
        let count = source.count
        let out = out.baseAddress!
        var delta = 0  // original offset - unmarked folded offset, as of the last anchor
        var folded = 0  // bytes written, markers included
        var markers = 0
        var offset = 0
        var lastWasSpace = false
        var lastWasWord = false
        while offset < count {
            let byte = source[offset]
            if byte < 0x80 {
                let folding = fold[Int(byte)]
                if folding == space {
                    if lastWasSpace {
                        offset += 1
                        continue
                    }
                    lastWasSpace = true
                } else {
                    lastWasSpace = false
                }
                let word = isWord[Int(byte)]
                // Branch-free marker: written always, kept only at a word start.
                let start = word & (lastWasWord ? 0 : 1)
                out[folded] = marker
                folded &+= Int(start)
                markers &+= Int(start)
                lastWasWord = word != 0
                if offset - (folded - markers) != delta {
                    delta = offset - (folded - markers)
                    anchorFolded.append(folded - markers)
                    anchorOriginal.append(offset)
                }
                out[folded] = folding
                folded += 1
                offset += 1
            } else {
                let length = UTF8Decoding.length(lead: byte)
                let scalar = UTF8Decoding.scalar(at: offset, in: source)
                // Written one byte on, leaving room for a marker.
                let result = ScalarFold.write(
                    scalar, source: source.baseAddress! + offset, length: length, to: out + folded + 1)
                let n = result.count
                if n == 0 {
                    offset += length
                    continue
                }
                if n == 1 && out[folded + 1] == space {
                    if lastWasSpace {
                        offset += length
                        continue
                    }
                    lastWasSpace = true
                } else {
                    lastWasSpace = false
                }
                if result.first == .word && !lastWasWord {
                    out[folded] = marker
                    folded += 1
                    markers += 1
                } else {
                    (out + folded).update(from: out + folded + 1, count: n)
                }
                lastWasWord = result.last == .word
                if offset - (folded - markers) != delta {
                    delta = offset - (folded - markers)
                    anchorFolded.append(folded - markers)
                    anchorOriginal.append(offset)
                }
                folded += n
                offset += length
            }
        }
        if offset - (folded - markers) != delta {
            anchorFolded.append(folded - markers)
            anchorOriginal.append(offset)
        }
        return folded
    }

    /// The original UTF-8 offset of folded offset `folded` (the start of the scalar it came from, skipping a
    /// marker; `bytes.count` maps to just after the last folded scalar).
    func originalOffset(_ folded: Int) -> Int {
        var unmarked = folded
        for byte in bytes[..<folded] where byte == Self.marker { unmarked -= 1 }
        // Last anchor at or before `unmarked`.
        var low = 0
        var high = anchorFolded.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if anchorFolded[mid] <= unmarked { low = mid } else { high = mid - 1 }
        }
        return min(anchorOriginal[low] + (unmarked - anchorFolded[low]), originalCount)
    }
}
