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
    static let asciiFold: [UInt8] = (0..<128).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt8(byte) + 32
        case 0x09...0x0D: UInt8(ascii: " ")
        default: UInt8(byte)
        }
    }

    /// 1 for ASCII word bytes, else 0.
    static let asciiWord: [UInt8] = WordBoundary.ascii.map { $0 == .word ? 1 : 0 }

    /// Folds `text`.
    init(_ text: String) {
        var text = text
        var anchorFolded = [0]
        var anchorOriginal = [0]
        let count = text.utf8.count
        let bytes = text.withUTF8 { source in
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
        self.bytes = bytes
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
        var lastWasSpace: UInt8 = 0
        var lastWasWord: UInt8 = 0
        while offset < count {
            let byte = source[offset]
            if byte < 0x80 {
                // Branch-free apart from the rare skipped whitespace: a marker is written always and kept only
                // at a word start; the byte is written always and kept unless it repeats a space.
                let folding = fold[Int(byte)]
                let word = isWord[Int(byte)]
                let isSpace: UInt8 = folding == space ? 1 : 0
                let skip = isSpace & lastWasSpace
                let start = Int(word & ~lastWasWord & 1)
                out[folded] = marker
                folded &+= start
                markers &+= start
                out[folded] = folding
                folded &+= Int(1 &- skip)
                lastWasSpace = isSpace
                lastWasWord = word
                offset &+= 1
                if skip != 0 {
                    delta = offset - (folded - markers)
                    anchorFolded.append(folded - markers)
                    anchorOriginal.append(offset)
                }
            } else {
                let length = UTF8Decoding.length(lead: byte)
                let scalar = UTF8Decoding.scalar(at: offset, in: source)
                // Written one byte on, leaving room for a marker.
                let result = ScalarFold.write(
                    scalar, source: source.baseAddress! + offset, length: length, to: out + folded + 1)
                let n = result.count
                var keep = n > 0
                if n == 1 && out[folded + 1] == space {
                    keep = lastWasSpace == 0
                    lastWasSpace = 1
                } else if n > 0 {
                    lastWasSpace = 0
                }
                if keep {
                    if result.first == .word && lastWasWord == 0 {
                        out[folded] = marker
                        folded += 1
                        markers += 1
                    } else {
                        (out + folded).update(from: out + folded + 1, count: n)
                    }
                    lastWasWord = result.last == .word ? 1 : 0
                    folded += n
                }
                offset += length
                // Keep `delta` current: positions inside the scalar interpolate from the anchor before it.
                if offset - (folded - markers) != delta {
                    delta = offset - (folded - markers)
                    anchorFolded.append(folded - markers)
                    anchorOriginal.append(offset)
                }
            }
        }
        if offset - (folded - markers) != delta {
            anchorFolded.append(folded - markers)
            anchorOriginal.append(offset)
        }
        return folded
    }

    /// The original UTF-8 offsets of folded offsets `folded` (each the start of the scalar it came from,
    /// skipping a marker; `bytes.count` maps to just after the last folded scalar), in one pass over the text.
    func originalOffsets(_ folded: [Int]) -> [Int] {
        let order = folded.indices.sorted { folded[$0] < folded[$1] }
        var result = [Int](repeating: 0, count: folded.count)
        var position = 0
        var markers = 0
        var anchor = 0
        for index in order {
            let target = folded[index]
            while position < target {
                if bytes[position] == Self.marker { markers += 1 }
                position += 1
            }
            let unmarked = target - markers
            while anchor + 1 < anchorFolded.count && anchorFolded[anchor + 1] <= unmarked { anchor += 1 }
            result[index] = min(anchorOriginal[anchor] + (unmarked - anchorFolded[anchor]), originalCount)
        }
        return result
    }
}
