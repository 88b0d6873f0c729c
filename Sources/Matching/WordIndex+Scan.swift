extension WordIndex {
    /// Folded bytes: 1 for ASCII word bytes, 2 for bytes of non-ASCII scalars, 0 for other ASCII and the marker.
    private static let foldedKinds: [UInt8] = (0..<256).map { byte in
        if byte == Int(FoldedText.marker) { return 0 }
        if byte >= 0x80 { return 2 }
        return FoldedText.asciiWord[byte]
    }

    /// 0x80 in each byte of `x` that is ``FoldedText/marker`` (0xFF), 0 elsewhere.
    @inline(__always)
    private static func markerBytes(_ x: UInt64) -> UInt64 {
        let y = ~x
        return ~(((y & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | y) & FirstReader.high
    }

    /// Calls `report(pattern, end)` for every occurrence of every pattern in folded `bytes` (`end` is the offset
    /// just after it), as ``Automaton/scan(_:report:)`` over all patterns would, though not in order of `end`,
    /// except that an occurrence of a pattern that ends in a word character may be left out where a word
    /// character follows it (unless the pattern is prefix-only).
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, report: (_ pattern: Int, _ end: Int) -> Void) {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return }
        // Reports the entries of `slot` in `table` whose pattern occurs with its key at `keyStart`.
        func verify(_ table: Table, slot: Int, keyStart: Int) {
            let first = Int(table.slots[slot].start)
            for index in first..<(first + Int(table.slots[slot].count)) {
                let entry = table.entries[index]
                let id = Int(entry.pattern)
                let start = keyStart - Int(entry.keyOffset)
                let from = Int(entry.from)
                let length = Int(entry.to) - from
                guard start >= 0, start + length <= count else { continue }
                let equal = patternBytes.withUnsafeBufferPointer { pattern in
                    for index in 0..<length where pattern[from + index] != base[start + index] { return false }
                    return true
                }
                if equal { report(id, start + length) }
            }
        }
        @inline(__always) func load(_ offset: Int) -> UInt64 {
            UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
        }
        let prefixLengths = self.prefixLengths
        let hasPairs = self.hasPairs
        let space = UInt8(ascii: " ")
        Self.foldedKinds.withUnsafeBufferPointer { kinds in
            asciiRead.withUnsafeBufferPointer { fold in
                keys.withPointers { table in
                    pairFirsts.withPointer { firsts in
                        prefixes.withPointers { prefixTable in
                            sieve.withPointer { sieve in
                                let kinds = kinds.baseAddress!
                                let fold = fold.baseAddress!
                                var offset = 0
                                var previous: (start: Int, end: Int, hash: UInt64, first: Bool) = (0, -2, 0, false)
                                while offset < count {
                                    // The next marker, eight bytes at a time.
                                    if offset &+ 8 <= count {
                                        let markers = Self.markerBytes(load(offset))
                                        if markers == 0 {
                                            offset &+= 8
                                            continue
                                        }
                                        offset &+= markers.trailingZeroBitCount &>> 3
                                    } else if base[offset] != FoldedText.marker {
                                        offset &+= 1
                                        continue
                                    }
                                    let start = offset &+ 1
                                    var end = start
                                    // ASCII word bytes eight at a time, then a byte (or scalar) at a time.
                                    while end &+ 8 <= count {
                                        let x = load(end)
                                        let stop =
                                            (~BlockClasses.wordBytes(x & 0x7F7F_7F7F_7F7F_7F7F) | x) & FirstReader.high
                                        if stop != 0 {
                                            end &+= stop.trailingZeroBitCount &>> 3
                                            break
                                        }
                                        end &+= 8
                                    }
                                    var ascii = true
                                    while end < count {
                                        let byte = base[end]
                                        let kind = kinds[Int(byte)]
                                        if kind == 1 {
                                            end &+= 1
                                        } else if kind == 0 {
                                            break
                                        } else {
                                            guard WordBoundary.kind(at: end, in: bytes) == .word else { break }
                                            ascii = false
                                            end &+= UTF8Decoding.length(lead: byte)
                                        }
                                    }
                                    let length = end &- start
                                    // The run's first (at most 8) bytes, little-endian, zero beyond.
                                    func firstChunk(_ length: Int) -> UInt64 {
                                        if start &+ 8 <= count { return load(start) & WordHash.keep(length) }
                                        var low: UInt64 = 0
                                        for index in 0..<min(length, 8) {
                                            low |= UInt64(base[start &+ index]) &<< UInt64(index &* 8)
                                        }
                                        return low
                                    }
                                    // The hash of the run's first `length` bytes.
                                    func hash(_ length: Int) -> UInt64 {
                                        if ascii {
                                            return WordHash.ofASCII(
                                                base, start: start, length: length, readable: count, fold: fold)
                                        }
                                        var hash = WordHash()
                                        for index in start..<(start &+ length) { hash.add(base[index]) }
                                        return hash.value
                                    }
                                    if prefixLengths != 0 && length > 0 {
                                        var lengths =
                                            prefixLengths & (length >= 63 ? UInt64.max : (2 &<< UInt64(length)) &- 1)
                                        while lengths != 0 {
                                            let prefix = lengths.trailingZeroBitCount
                                            lengths &= lengths &- 1
                                            let slot = prefixTable.find(WordHash.prefix(hash(prefix)))
                                            if slot >= 0 { verify(prefixes, slot: slot, keyStart: start) }
                                        }
                                    }
                                    if end > start {
                                        // The sieve first, as in the first read: most words are no key word, and
                                        // their full hash and probes are skipped.
                                        let cheap =
                                            length >= 4
                                            ? WordSieve.hash(longWordAt: base + start, length: length)
                                            : WordSieve.hash(
                                                WordSieve.chunk(firstChunk(length), count: length), count: length)
                                        var first = false
                                        var word: UInt64 = 0
                                        if sieve.may(cheap) {
                                            word = hash(length)
                                            let slot = table.find(word)
                                            if slot >= 0 { verify(keys, slot: slot, keyStart: start) }
                                            if hasPairs && previous.first && previous.end + 2 == start
                                                && base[previous.end] == space
                                            {
                                                let slot = table.find(WordHash.pair(previous.hash, word))
                                                if slot >= 0 { verify(keys, slot: slot, keyStart: previous.start) }
                                            }
                                            first = firsts.mayContain(word)
                                        }
                                        previous = (start, end, word, first)
                                    }
                                    offset = end > start ? end : start
                                }
                            }
                        }
                    }
                }
            }
        }
        if let automaton {
            automaton.scan(bytes) { local, end in report(Int(unkeyed[local]), end) }
        }
    }
}
