extension WordIndex {
    /// Per ASCII byte: its fold if it is a word byte; else 0, or 0x80 for whitespace.
    static let asciiRead: [UInt8] = (0..<128).map {
        if FoldedText.asciiWord[$0] != 0 { return FoldedText.asciiFold[$0] }
        return FoldedText.asciiFold[$0] == UInt8(ascii: " ") ? 0x80 : 0
    }

    /// Whether some pattern may occur in the folded form of `text` (unfolded UTF-8): whether a key occurs as a
    /// word or a pair of words parted by whitespace (or a prefix key starts a word), or the automaton of unkeyed
    /// patterns may match. Folds as it reads and allocates nothing. No false negatives: when this returns false,
    /// ``scan(_:report:)`` over the folded text reports nothing.
    ///
    /// Runs of 64 ASCII bytes are read at once: the bytes are classified into a mask of word bytes
    /// (``BlockClasses``), the words are taken from the mask's edges, each is tested against the ``WordSieve``,
    /// and only the few that pass are hashed in full (a word of up to 16 bytes from two loads) and looked up.
    /// Other runs (non-ASCII text, the last bytes) are read a scalar at a time. `wide: false` reads everything
    /// a scalar at a time (for tests: both ways must agree).
    func mayOccur(in text: UnsafeBufferPointer<UInt8>, wide: Bool = true) -> Bool {
        withReadTables { mayOccur(in: text, wide: wide, tables: $0) }
    }

    /// ``mayOccur(in:wide:)`` with the tables' pointers taken already (once for all the fields of a post).
    @inline(__always)
    func mayOccur(
        in text: UnsafeBufferPointer<UInt8>, wide: Bool = true, tables: UnsafePointer<FirstReader.Tables>
    ) -> Bool {
        let (outcome, _) = Self.firstRead(text, wide: wide, hits: nil, capacity: 0, tables: tables)
        if outcome == .found { return true }
        return unkeyedMayOccur(in: text, outcome: outcome)
    }

    /// The first read of `text` that goes on past the first key: every key found in a word of ASCII letters and
    /// digits is recorded in `hits` (at most `capacity`), so that the field needs no folding and no second scan
    /// (``verifyASCII(_:in:report:)`` checks each hit's patterns against the text itself). `tables`: from
    /// ``withReadTables(_:)``.
    ///
    /// - Returns: `.hits(n, ascii:)` when the first `n` entries of `hits` are every key in the text (`ascii`:
    ///   the whole text is ASCII); `.scan` when some pattern may occur but only the full fold and scan can say
    ///   where (a key in a word with other characters, more keys than `capacity`, or an unkeyed pattern that
    ///   may occur); `.nothing` when no pattern occurs.
    @inline(__always)
    func collect(
        in text: UnsafeBufferPointer<UInt8>, hits: UnsafeMutablePointer<KeyHit>, capacity: Int,
        tables: UnsafePointer<FirstReader.Tables>
    ) -> KeyRead {
        let (outcome, count) = Self.firstRead(text, wide: true, hits: hits, capacity: capacity, tables: tables)
        if outcome == .found { return .scan }
        // An unkeyed pattern (like `++` or `東京`) is found by the scan's automaton only.
        if unkeyedMayOccur(in: text, outcome: outcome) { return .scan }
        return count > 0 ? .hits(count, ascii: outcome == .none) : .nothing
    }

    /// Whether an unkeyed pattern may occur in `text`, which the first read found no key in.
    private func unkeyedMayOccur(in text: UnsafeBufferPointer<UInt8>, outcome: FirstReadOutcome) -> Bool {
        guard let automaton, outcome == .nonASCII || !unkeyedNeedNonASCII else { return false }
        return automaton.prefilter(text)
    }

    /// Calls `body` with the tables the first read uses, as pointers: taken once for all the fields of a post,
    /// not once per field, and passed by reference (each field's reader would otherwise copy the record's
    /// 137 bytes, a call to `memcpy` per field).
    @inline(__always)
    func withReadTables<R>(_ body: (UnsafePointer<FirstReader.Tables>) -> R) -> R {
        keys.withPointers { keys in
            prefixes.withPointers { prefixes in
                pairFirsts.withPointer { firsts in
                    sieve.withPointer { sieve in
                        asciiRead.withUnsafeBufferPointer { read in
                            twoByteLetters.withUnsafeBufferPointer { letters in
                                var tables = FirstReader.Tables(
                                    read: read.baseAddress!, letters: letters.baseAddress!, keys: keys,
                                    firsts: firsts, sieve: sieve, prefixes: prefixes, prefixLengths: prefixLengths,
                                    hasPairs: hasPairs)
                                return withUnsafePointer(to: &tables, body)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The first read, stopping at the first key (`hits` nil) or recording the keys found in ASCII words.
    @inline(__always)
    private static func firstRead(
        _ text: UnsafeBufferPointer<UInt8>, wide: Bool, hits: UnsafeMutablePointer<KeyHit>?, capacity: Int,
        tables: UnsafePointer<FirstReader.Tables>
    ) -> (FirstReadOutcome, Int) {
        guard let base = text.baseAddress, text.count > 0 else { return (.none, 0) }
        guard wide && text.count < FirstReader.block else {
            var reader = FirstReader(
                base: base, count: text.count, readable: text.count, tables: tables, hits: hits, capacity: capacity)
            return (reader.run(wide: wide), reader.hitCount)
        }
        // A short text is read from a copy padded with zeros (no word bytes) to a block and more.
        var copy: Padded = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &copy) { copy in
            let copy = copy.baseAddress!.assumingMemoryBound(to: UInt8.self)
            FirstReader.copyShort(base, count: text.count, to: copy)
            var reader = FirstReader(
                base: UnsafePointer(copy), count: text.count, readable: FirstReader.padded, tables: tables, hits: hits,
                capacity: capacity)
            return (reader.run(wide: true), reader.hitCount)
        }
    }
}

/// A key the collecting first read found in a word of ASCII letters and digits: its slot in ``WordIndex/keys``
/// (or in ``WordIndex/prefixes``) and where its (first) word starts in the text. Eight bytes, so that a post's
/// buffer of ``FieldReads/capacity`` hits fits the stack.
struct KeyHit {
    /// The slot, with the top bit set for a prefix key.
    private let packed: UInt32
    let keyStart: Int32

    init(slot: Int, keyStart: Int, prefix: Bool) {
        packed = UInt32(truncatingIfNeeded: slot) & 0x7FFF_FFFF | (prefix ? 0x8000_0000 : 0)
        self.keyStart = Int32(keyStart)
    }

    var slot: Int { Int(packed & 0x7FFF_FFFF) }
    var prefix: Bool { packed & 0x8000_0000 != 0 }
}

/// What ``WordIndex/collect(in:hits:capacity:tables:)`` found in a field.
enum KeyRead: Equatable {
    /// No pattern occurs.
    case nothing
    /// This many keys recorded; `ascii`: the text is all ASCII.
    case hits(Int, ascii: Bool)
    /// The field must be folded and scanned.
    case scan
}

/// 128 bytes of zeros, for ``FirstReader/padded``.
private typealias Padded = (
    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
    UInt64, UInt64
)

/// What the first read found.
enum FirstReadOutcome {
    /// A key (or a fold the read cannot judge, which the scan then settles).
    case found
    /// No key in ASCII text.
    case none
    /// No key, and some non-ASCII text.
    case nonASCII
}

/// The loops of ``WordIndex/mayOccur(in:wide:)`` over one text.
struct FirstReader {
    /// Bytes read at once.
    static let block = 64
    /// The size of the zero-padded copy a text shorter than a block is read from: two blocks, so that after a
    /// word with non-ASCII characters (read on its own) the rest of the text is read as a block again, and its
    /// keys recorded.
    static let padded = 128

    /// The tables a first read uses, as pointers (see ``WordIndex/withReadTables(_:)``).
    struct Tables {
        /// ``WordIndex/asciiRead``.
        let read: UnsafePointer<UInt8>
        /// ``ScalarFold/twoByteLetters``.
        let letters: UnsafePointer<UInt32>
        let keys: WordIndex.Table.Pointers
        /// The first words of pair keys: only after one of them is a pair looked up.
        let firsts: WordIndex.KeyFilter.Pointer
        /// Every key word, and which of them lead a key: the wide loop hashes a word in full only if it may
        /// matter.
        let sieve: WordSieve.Pointer
        let prefixes: WordIndex.Table.Pointers
        let prefixLengths: UInt64
        let hasPairs: Bool
    }

    let base: UnsafePointer<UInt8>
    /// The text's length.
    let count: Int
    /// How many bytes from `base` may be loaded: `count`, or `padded` for a padded copy.
    let readable: Int
    /// The tables, by reference.
    let tables: UnsafePointer<Tables>
    private var read: UnsafePointer<UInt8> { tables.pointee.read }
    private var letters: UnsafePointer<UInt32> { tables.pointee.letters }
    private var keys: WordIndex.Table.Pointers { tables.pointee.keys }
    private var firsts: WordIndex.KeyFilter.Pointer { tables.pointee.firsts }
    private var sieve: WordSieve.Pointer { tables.pointee.sieve }
    private var prefixes: WordIndex.Table.Pointers { tables.pointee.prefixes }
    private var prefixLengths: UInt64 { tables.pointee.prefixLengths }
    private var hasPairs: Bool { tables.pointee.hasPairs }
    /// Where a collecting read records keys (nil: the read stops at the first key), and how many it may.
    let hits: UnsafeMutablePointer<KeyHit>?
    let capacity: Int
    /// Keys recorded.
    private(set) var hitCount = 0

    /// Where the wide loop is: the start of a word in progress (or -1), and the last word's hash (0 when none)
    /// and end. A pair is looked up only if nothing but whitespace lies between that end and the next word.
    private var pending = -1
    private var lastHash: UInt64 = 0
    private var lastEnd = 0
    private var lastStart = 0
    private var sawNonASCII = false
    /// How far before the end of the last block read the next one starts: at the start of the word that ran past
    /// that block's end (0 when none did). See ``block(at:skip:carry:)``.
    private var carried = 0
    /// When the read stopped at a key: a byte of the word that stopped it, or the byte that ended that word (for
    /// a read of several texts joined, to tell which of them to look at).
    private(set) var reached = 0

    @inline(__always)
    init(
        base: UnsafePointer<UInt8>, count: Int, readable: Int, tables: UnsafePointer<Tables>,
        hits: UnsafeMutablePointer<KeyHit>?, capacity: Int
    ) {
        self.base = base
        self.count = count
        self.readable = readable
        self.tables = tables
        self.hits = hits
        self.capacity = capacity
    }

    /// Copies `count` (under 64) bytes from `source` to `target` in at most eight 8-byte moves (the last one
    /// overlapping), inline and unrolled (as a loop it became a call to `memcpy`, which cost a tenth of the read of
    /// a short field).
    @inline(__always)
    static func copyShort(_ source: UnsafePointer<UInt8>, count: Int, to target: UnsafeMutablePointer<UInt8>) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        @inline(__always) func move(_ offset: Int) {
            to.storeBytes(
                of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
        }
        if count >= 8 {
            let last = count &- 8
            if 0 < last { move(0) }
            if 8 < last { move(8) }
            if 16 < last { move(16) }
            if 24 < last { move(24) }
            if 32 < last { move(32) }
            if 40 < last { move(40) }
            if 48 < last { move(48) }
            move(last)
        } else if count >= 4 {
            let last = count &- 4
            to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            to.storeBytes(
                of: from.loadUnaligned(fromByteOffset: last, as: UInt32.self), toByteOffset: last, as: UInt32.self)
        } else {
            if count > 0 { target[0] = source[0] }
            if count > 1 { target[1] = source[1] }
            if count > 2 { target[2] = source[2] }
        }
    }

    /// Reads the text: blocks of ASCII at once, and from each non-ASCII scalar to the end of its word a scalar at
    /// a time; the last bytes as part of a block that ends with the text.
    @inline(__always)
    mutating func run(wide: Bool) -> FirstReadOutcome {
        var offset = 0
        if wide {
            while offset &+ Self.block <= readable && offset < count {
                let ascii = block(at: offset, skip: 0, carry: true)
                if ascii < 0 { return .found }
                if ascii == Self.block {
                    assert(carried < Self.block, "the next block starts after this one")
                    offset &+= Self.block &- carried
                } else {
                    offset = nonASCII(at: offset &+ ascii)
                    if offset < 0 { return .found }
                }
            }
            let last = count &- Self.block
            while offset < count && last >= 0 {
                let ascii = block(at: last, skip: offset &- last, carry: false)
                if ascii < 0 { return .found }
                if ascii == Self.block {
                    offset = count
                } else {
                    offset = nonASCII(at: last &+ ascii)
                    if offset < 0 { return .found }
                }
            }
        }
        if wide && offset >= count && pending >= 0 {
            // The last word ends with the text: no scalar-at-a-time read needed.
            let start = pending
            pending = -1
            if word(from: start, to: count) {
                reached = start
                return .found
            }
        } else if offset < count || pending >= 0 {
            if narrow(from: offset, stop: Int.max) < 0 { return .found }
        }
        return sawNonASCII ? .nonASCII : .none
    }

    // MARK: - 64 bytes at a time

    static let high = ASCIIMask.high

    /// The bits of `mask` that begin a run of at least `length` (1 to 8) set bits, in at most three shifts.
    @inline(__always)
    static func runs(_ mask: UInt64, _ length: Int) -> UInt64 {
        var runs = mask
        var covered = 1
        while covered &* 2 <= length {
            runs &= runs &>> UInt64(truncatingIfNeeded: covered)
            covered &*= 2
        }
        if covered < length { runs &= runs &>> UInt64(truncatingIfNeeded: length &- covered) }
        return runs
    }

    /// Reads the block at `offset` from byte `skip` on (the bytes before were read already), up to its first
    /// non-ASCII byte; returns that byte's index in the block (`block` when there is none), or -1 when a key was
    /// found.
    ///
    /// With `carry`, a word that runs past the end of an all-ASCII block is left to the next block, which starts
    /// where that word starts (``carried`` bytes before this block's end) and so reads it whole. Otherwise (and
    /// for a word that fills the block) the word is kept in progress (`pending`) and ends in the next block, out
    /// of the sieve's loop: that was about every other block, each with a branch that the processor could not
    /// predict.
    @inline(__always)
    private mutating func block(at offset: Int, skip: Int, carry: Bool) -> Int {
        let classes = BlockClasses(UnsafeRawPointer(base + offset))
        let words = classes.words
        let done = ~(UInt64.max << UInt64(skip))  // bytes read before
        // Where the first non-ASCII byte is (`block` when there is none).
        let ascii = (classes.nonASCII & ~done).trailingZeroBitCount
        // Whether the byte before `skip` is in a word is known from `pending`, whatever that byte is.
        let inWord: UInt64 = pending >= 0 ? 1 : 0
        let before: UInt64
        if skip == 0 {
            before = words &<< 1 | inWord
        } else {
            let bit = UInt64(1) &<< UInt64(skip &- 1)
            before = (words & ~bit | (inWord &* bit)) &<< 1
        }
        let valid = ~done & ~(UInt64.max << UInt64(ascii))
        let starts = words & ~before & valid
        var ends = ~words & before & valid
        if pending >= 0 && ends != 0 {
            // The word in progress from the block before ends first.
            let start = pending
            pending = -1
            if word(from: start, to: offset &+ ends.trailingZeroBitCount) {
                reached = start
                return -1
            }
            ends &= ends &- 1
        }
        guard ends != 0 else {
            keepTrailing(starts, at: offset, carry: carry && ascii == Self.block)
            return ascii
        }
        // The words that end in the block start before its last word end; a start after it begins a word in
        // progress.
        let complete = starts & ~(UInt64.max &<< UInt64(63 &- ends.leadingZeroBitCount))
        keepTrailing(starts & ~complete, at: offset, carry: carry && ascii == Self.block)
        // First every word through the sieve alone (most words end there), in a function of its own, so that it
        // runs in registers; then the few that passed, and the pair state around them, in order.
        var passed = complete
        if prefixLengths == 0 {
            // Only words as long as the shortest key word go through the sieve (words of 1-3 letters are nearly
            // half of English text): a complete word is long enough when its first `shortest` bytes are word
            // bytes, which also shows at its end in the `shortest` bytes before it. (Bytes read before `skip`
            // count as no word bytes there: the word before them was read already, and a byte of a non-ASCII
            // scalar just before `skip` would pass for one.)
            let shortest = sieve.shortest
            let long = complete & Self.runs(words, shortest)
            let longEnds = ends & Self.runs(words & ~done, shortest) &<< UInt64(truncatingIfNeeded: shortest)
            passed =
                shortest >= 4
                ? Self.sieveLong(base + offset, starts: long, ends: longEnds, sieve: sieve)
                : Self.sieve(
                    base + offset, starts: long, ends: longEnds, readable: readable &- offset, sieve: sieve, fold: read)
        }
        if passed == 0 {
            lastHash = 0
            return ascii
        }
        var left = passed
        while left != 0 {
            let start = left.trailingZeroBitCount
            left &= left &- 1
            // After a word that did not pass, no pair can end at this one.
            let earlier = complete & ~(UInt64.max &<< UInt64(start))
            if earlier != 0 && passed & (1 &<< UInt64(63 &- earlier.leadingZeroBitCount)) == 0 { lastHash = 0 }
            let end = (ends & (UInt64.max &<< UInt64(start))).trailingZeroBitCount
            if word(from: offset &+ start, to: offset &+ end) {
                reached = offset &+ start
                return -1
            }
        }
        if passed & (1 &<< UInt64(63 &- complete.leadingZeroBitCount)) == 0 { lastHash = 0 }
        return ascii
    }

    /// Keeps the word that starts at the bit of `trailing` (if any; it runs past the block at `offset`) for the next
    /// block: as ``carried`` bytes to read again if `carry` and the word starts after the block's first byte,
    /// else as the word in progress.
    @inline(__always)
    private mutating func keepTrailing(_ trailing: UInt64, at offset: Int, carry: Bool) {
        if carry && trailing != 1 {
            carried = Self.block &- trailing.trailingZeroBitCount
        } else {
            carried = 0
            if trailing != 0 { pending = offset &+ trailing.trailingZeroBitCount }
        }
    }

    /// The words of a block that pass the sieve, as a mask of their starts: the word that starts at the lowest bit
    /// of `starts` ends at the lowest bit of `ends`, and so on (`readable` bytes from `base` may be loaded). Out
    /// of line and with nothing else to do, so that it keeps everything in registers.
    @inline(never)
    private static func sieve(
        _ base: UnsafePointer<UInt8>, starts: UInt64, ends: UInt64, readable: Int, sieve: WordSieve.Pointer,
        fold: UnsafePointer<UInt8>
    ) -> UInt64 {
        passing(starts: starts, ends: ends) { start, length in
            sieve.may(Self.sieveHash(base, at: start, length: length, readable: readable, fold: fold))
        }
    }

    /// ``sieve(_:starts:ends:readable:sieve:fold:)`` when every word is 4 bytes or longer (every key word is):
    /// no branch on the length, no check of `readable`, and only the sieve's array and shift passed in. With the
    /// shorter words' loop beside it in one function, the compiler kept `base` on the stack and `passed` in two
    /// registers; alone, the loop made the match stage about 4% faster at 1,000 terms.
    @inline(never)
    static func sieveLong(
        _ base: UnsafePointer<UInt8>, starts: UInt64, ends: UInt64, bits: UnsafePointer<UInt64>, shift: UInt64
    ) -> UInt64 {
        passing(starts: starts, ends: ends) { start, length in
            WordSieve.may(WordSieve.hash(longWordAt: base + start, length: length), bits: bits, shift: shift)
        }
    }

    /// ``sieveLong(_:starts:ends:bits:shift:)``, or on a CPU with AVX-512 and a sieve that stays in the
    /// first-level cache, ``sieveVector(_:starts:ends:bits:shift:)``: the same words pass either way.
    @inline(__always)
    static func sieveLong(
        _ base: UnsafePointer<UInt8>, starts: UInt64, ends: UInt64, sieve: WordSieve.Pointer
    ) -> UInt64 {
        #if EARSHOT_AVX512
            if sieve.gathers {
                return sieveVector(base, starts: starts, ends: ends, bits: sieve.bits, shift: sieve.shift)
            }
        #endif
        return sieveLong(base, starts: starts, ends: ends, bits: sieve.bits, shift: sieve.shift)
    }

    /// The words (the one that starts at the lowest bit of `starts` ends at the lowest bit of `ends`, and so on)
    /// for which `test(start, length)` holds, as a mask of their starts.
    @inline(__always)
    private static func passing(starts: UInt64, ends: UInt64, _ test: (Int, Int) -> Bool) -> UInt64 {
        var passed: UInt64 = 0
        var starts = starts
        var ends = ends
        while ends != 0 {
            let start = starts.trailingZeroBitCount
            let length = ends.trailingZeroBitCount &- start
            let bit = starts & (0 &- starts)  // 1 << start
            starts &= starts &- 1
            ends &= ends &- 1
            // (Written as a choice between `bit` and 0, this compiles to a branch on the rare word that passes, where
            // `if test(...) { passed |= bit }` became two conditional moves on every word: 2.5% slower.)
            let hit = test(start, length)
            passed |= hit ? bit : 0
        }
        return passed
    }

    /// The sieve hash of the ASCII word of `length` bytes at `start` (`readable` bytes from `base` may be loaded).
    @inline(__always)
    private static func sieveHash(
        _ base: UnsafePointer<UInt8>, at start: Int, length: Int, readable: Int, fold: UnsafePointer<UInt8>
    ) -> UInt64 {
        if length >= 4 { return WordSieve.hash(longWordAt: base + start, length: length) }
        let chunk =
            start &+ 8 <= readable
            ? UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
            : WordHash.firstChunk(base, start: start, length: length, readable: readable, fold: fold)
        return WordSieve.hash(WordSieve.chunk(chunk, count: length), count: length)
    }

    /// The hash of the first `length` bytes of the ASCII word at `start`.
    @inline(__always)
    private func hash(at start: Int, length: Int) -> UInt64 {
        WordHash.ofASCII(base, start: start, length: length, readable: readable, fold: read)
    }

    /// Looks up the ASCII word `start..<end` read by the wide loop; whether a key was found. Most words end at
    /// the sieve; the few that pass it go on to ``keyWord(from:to:)``.
    @inline(__always)
    private mutating func word(from start: Int, to end: Int) -> Bool {
        let length = end &- start
        let hash = Self.sieveHash(base, at: start, length: length, readable: readable, fold: read)
        if sieve.may(hash) && (lastHash != 0 || sieve.mayLead(hash)) {
            if keyWord(from: start, to: end) { return true }
        } else {
            lastHash = 0  // no key word (or only a pair's second word, with no first before it): no first word either
        }
        return prefixLengths != 0 && prefixed(from: start, length: length)
    }

    /// The full hash and key lookups of a word that passed the sieve: as a key, as the second word of a pair
    /// (after a pair's first word and whitespace), and as a pair's first word for the word after it. Kept out
    /// of line so that the loop that reads the other words keeps its values in registers.
    @inline(never)
    private mutating func keyWord(from start: Int, to end: Int) -> Bool {
        let hash = self.hash(at: start, length: end &- start)
        let slot = keys.find(hash)
        if slot >= 0 && found(slot, at: start, prefix: false) { return true }
        if hasPairs {
            if lastHash != 0 && spaceOnly(from: lastEnd, to: start) {
                let slot = keys.find(WordHash.pair(lastHash, hash))
                if slot >= 0 && found(slot, at: lastStart, prefix: false) { return true }
            }
            lastHash = firsts.mayContain(hash) ? hash : 0
            lastEnd = end
            lastStart = start
        }
        return false
    }

    /// Whether a prefix key (`cloud*`) is a prefix of the word of `length` bytes at `start`; records it if the
    /// read collects.
    @inline(never)
    private mutating func prefixed(from start: Int, length: Int) -> Bool {
        var lengths = prefixLengths & (length >= 63 ? UInt64.max : (2 &<< UInt64(length)) &- 1)
        while lengths != 0 {
            let prefix = lengths.trailingZeroBitCount
            lengths &= lengths &- 1
            let slot = prefixes.find(WordHash.prefix(self.hash(at: start, length: prefix)))
            if slot >= 0 && found(slot, at: start, prefix: true) { return true }
        }
        return false
    }

    /// A key at `slot` whose (first) word starts at `keyStart`: whether the read stops here (it does not
    /// collect, there is no room left, or the pair's first word was read a scalar at a time, `keyStart` -1),
    /// else the key is recorded.
    @inline(__always)
    private mutating func found(_ slot: Int, at keyStart: Int, prefix: Bool) -> Bool {
        guard let hits, keyStart >= 0, hitCount < capacity else { return true }
        hits[hitCount] = KeyHit(slot: slot, keyStart: keyStart, prefix: prefix)
        hitCount &+= 1
        return false
    }

    /// Whether `base[from..<to]` is whitespace only (non-ASCII bytes count as whitespace here: a pair looked up
    /// for nothing costs a probe, a pair missed would lose a mention). Gaps of up to 8 bytes from one load.
    @inline(__always)
    private func spaceOnly(from: Int, to: Int) -> Bool {
        let gap = to &- from
        if gap <= 8 && from &+ 8 <= readable {
            let x = UnsafeRawPointer(base + from).loadUnaligned(as: UInt64.self)
            let need = Self.high & WordHash.keep(gap)
            return (ASCIIMask.spaces(x) | ASCIIMask.controls(x) | x) & need == need
        }
        var index = from
        while index < to {
            let byte = base[index]
            if byte < 0x80 && read[Int(byte)] != 0x80 { return false }
            index &+= 1
        }
        return true
    }

    // MARK: - Words with accented letters

    /// Reads on from the non-ASCII byte at `index` (the word in progress, if any, started before it) to the end
    /// of its word; the offset after the byte that ended it, or -1 when a key was found. A word of ASCII word
    /// bytes and two-byte letters that fold to letters alone (`é`, `ß`, `ö`, Greek, Cyrillic) is folded and
    /// looked up in one pass, without the scalar-at-a-time read; anything else goes to ``narrow(from:stop:)``.
    @inline(__always)
    private mutating func nonASCII(at index: Int) -> Int {
        if prefixLengths == 0 {
            let end = accentedWord(at: index)
            if end != 0 { return end }
        }
        return narrow(from: index, stop: index &+ 1)
    }

    /// The quick path of ``nonASCII(at:)``: the offset after the word and the byte that ended it, -1 for a key,
    /// or 0 when the word holds a character it does not handle (nothing is changed then, and the scalar-at-a-time
    /// read goes through the word again).
    @inline(never)
    private mutating func accentedWord(at index: Int) -> Int {
        let start = pending >= 0 ? pending : index
        var hash = WordHash()
        var offset = start
        while offset < count {
            let byte = base[offset]
            if byte < 0x80 {
                let folded = read[Int(byte)]
                guard folded &- 1 < 0x7F else { break }  // the byte after the word
                hash.add(folded)
                offset &+= 1
                continue
            }
            guard byte & 0xE0 == 0xC0 && offset &+ 1 < count else { return 0 }
            let value = Int(byte & 0x1F) &<< 6 | Int(base[offset &+ 1] & 0x3F)
            let entry = letters[value]
            guard entry != 0 else { return 0 }
            hash.add(UInt8(truncatingIfNeeded: entry))
            if entry >= 2 << 24 { hash.add(UInt8(truncatingIfNeeded: entry &>> 8)) }
            if entry >= 3 << 24 { hash.add(UInt8(truncatingIfNeeded: entry &>> 16)) }
            offset &+= 2
        }
        // The scalar-at-a-time read's lookups at a word's end, with the pair state it keeps.
        sawNonASCII = true
        pending = -1
        var previous = lastHash != 0 && spaceOnly(from: lastEnd, to: start) ? lastHash : 0
        let end = min(offset &+ 1, count)  // past the byte that ended the word
        if endWord(&hash, &previous, space: offset < count && read[Int(base[offset])] != 0) {
            reached = start
            return -1
        }
        lastHash = previous
        lastEnd = end
        return end
    }

    // MARK: - A scalar at a time

    /// Reads from `start` until `stop` is passed outside a word (or the text ends), taking over a word in
    /// progress from the wide loop and handing the last word back; the offset it stopped at, or -1 when a key
    /// was found.
    @inline(__always)
    private mutating func narrow(from start: Int, stop: Int) -> Int {
        let wordStart = pending >= 0 ? pending : start
        var previous = lastHash != 0 && spaceOnly(from: lastEnd, to: wordStart) ? lastHash : 0
        var hash = WordHash()
        if pending >= 0 {
            for index in pending..<start {
                hash.add(read[Int(base[index])])
                if prefixLengths != 0 && atPrefix(hash) {
                    reached = index
                    return -1
                }
            }
            pending = -1
        }
        var offset = start
        while offset < count {
            if offset >= stop && hash.count == 0 {
                lastHash = previous
                lastEnd = offset
                return offset
            }
            let byte = base[offset]
            if byte < 0x80 {
                offset &+= 1
                let folded = read[Int(byte)]
                if folded &- 1 < 0x7F {  // a word byte
                    hash.add(folded)
                    if prefixLengths != 0 && atPrefix(hash) { return stopped(at: offset &- 1) }
                } else if hash.count != 0 {
                    if endWord(&hash, &previous, space: folded != 0) { return stopped(at: offset &- 1) }
                } else if folded == 0 {
                    previous = 0
                }
                continue
            }
            sawNonASCII = true
            let scalarLength = UTF8Decoding.length(lead: byte)
            let end = offset &+ scalarLength
            guard end <= count else { return stopped(at: offset) }
            var buffer: (UInt64, UInt64) = (0, 0)
            let result = withUnsafeMutableBytes(of: &buffer) { buffer in
                ScalarFold.write(
                    UTF8Decoding.scalar(at: offset, in: UnsafeBufferPointer(start: base, count: count)),
                    source: base + offset, length: scalarLength,
                    to: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            offset = end
            if result.count == 0 { continue }  // invisible: the word (or the gap) goes on
            let first = UInt8(truncatingIfNeeded: buffer.0)
            if result.first == .word && result.last == .word {
                for index in 0..<result.count {
                    hash.add(withUnsafeBytes(of: &buffer) { $0[index] })
                    if prefixLengths != 0 && atPrefix(hash) { return stopped(at: offset &- 1) }
                }
            } else if result.first != .word && result.last != .word
                && UTF8Decoding.length(lead: first) == result.count
            {
                let space = result.count == 1 && first == UInt8(ascii: " ")
                if hash.count != 0 {
                    if endWord(&hash, &previous, space: space) { return stopped(at: offset &- 1) }
                } else if !space {
                    previous = 0
                }
            } else {
                return stopped(at: offset &- 1)  // a fold that mixes word and other characters: let the scan decide
            }
        }
        if hash.count != 0 && endWord(&hash, &previous, space: false) { return stopped(at: count &- 1) }
        lastHash = previous
        lastEnd = count
        return count
    }

    /// Stops the read at a key found at `offset` (see ``reached``): -1.
    @inline(__always)
    private mutating func stopped(at offset: Int) -> Int {
        reached = offset
        return -1
    }

    /// Ends the word in `hash`: whether it, or `previous` and it, is a key; then starts afresh, keeping the word
    /// as `previous` if `space` (whitespace ended it). A key here stops the read (the scan decides), and a pair
    /// that this word begins is not recorded either (`lastStart` -1).
    @inline(__always)
    private mutating func endWord(_ hash: inout WordHash, _ previous: inout UInt64, space: Bool) -> Bool {
        lastStart = -1
        let word = hash.value
        if keys.find(word) >= 0 { return true }
        if hasPairs && previous != 0 && keys.find(WordHash.pair(previous, word)) >= 0 { return true }
        previous = space && firsts.mayContain(word) ? word : 0
        hash = WordHash()
        return false
    }

    /// Whether a prefix key is as long as the word so far and has its hash.
    @inline(__always)
    private func atPrefix(_ hash: WordHash) -> Bool {
        let length = hash.count
        return prefixLengths & (1 &<< UInt64(length & 63)) != 0 && length <= WordIndex.maxPrefix
            && prefixes.find(WordHash.prefix(hash.value)) >= 0
    }
}
