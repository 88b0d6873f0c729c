extension WordIndex {
    /// A pattern filed under a key: its id, where the key's (first) word starts in it, and where its bytes are in
    /// ``WordIndex/patternBytes`` (kept here so that checking a hit reads one record less).
    struct Entry: Sendable {
        var pattern: Int32
        var keyOffset: Int32
        var from: Int32 = 0
        var to: Int32 = 0
    }

    /// One slot of a ``Table``: a key's hash (0 when empty) and its entries.
    struct Slot: Sendable {
        var hash: UInt64 = 0
        var start: Int32 = 0
        var count: Int32 = 0
    }

    /// A bit filter of key hashes: a hash's top bits pick its bit. False positives, no false negatives.
    struct KeyFilter: Sendable {
        let bits: [UInt64]
        let shift: UInt64

        /// A filter of `count` distinct hashes, about 16 bits each and at most 32 KB (it is read for many words
        /// and should stay in the first-level cache).
        init(_ hashes: some Sequence<UInt64>, count: Int) {
            var size = 4096
            while size < count * 16 && size < 1 << 18 { size *= 2 }
            var bits = [UInt64](repeating: 0, count: size / 64)
            let shift = UInt64(64 - size.trailingZeroBitCount)
            for hash in hashes {
                let bit = Int(hash >> shift)
                bits[bit >> 6] |= 1 << UInt64(bit & 63)
            }
            self.bits = bits
            self.shift = shift
        }

        /// The filter as a pointer, for the read loops.
        struct Pointer {
            let bits: UnsafePointer<UInt64>
            let shift: UInt64

            /// Whether `hash` may be in the filter.
            @inline(__always)
            func mayContain(_ hash: UInt64) -> Bool {
                let bit = Int(truncatingIfNeeded: hash &>> shift)
                return bits[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0
            }
        }

        @inline(__always)
        func withPointer<R>(_ body: (Pointer) -> R) -> R {
            bits.withUnsafeBufferPointer { body(Pointer(bits: $0.baseAddress!, shift: shift)) }
        }
    }

    /// An open-addressing table from key hashes to entries, behind a ``KeyFilter``.
    struct Table: Sendable {
        let slots: [Slot]
        let entries: [Entry]
        let filter: KeyFilter
        let slotMask: Int

        init(_ keyed: [(hash: UInt64, entry: Entry)]) {
            var groups: [UInt64: [Entry]] = [:]
            for (hash, entry) in keyed { groups[hash, default: []].append(entry) }
            var capacity = 16
            while capacity < groups.count * 2 { capacity *= 2 }
            var slots = [Slot](repeating: Slot(), count: capacity)
            var entries: [Entry] = []
            for (hash, group) in groups.sorted(by: { $0.key < $1.key }) {
                var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
                while slots[slot].hash != 0 { slot = (slot + 1) & (capacity - 1) }
                slots[slot] = Slot(hash: hash, start: Int32(entries.count), count: Int32(group.count))
                entries += group
            }
            self.slots = slots
            self.entries = entries
            self.filter = KeyFilter(groups.keys, count: groups.count)
            self.slotMask = capacity - 1
        }

        /// The table's arrays as pointers, for the read loops.
        struct Pointers {
            let slots: UnsafePointer<Slot>
            let filter: KeyFilter.Pointer
            let slotMask: Int

            /// The slot holding `hash`, or -1.
            @inline(__always)
            func find(_ hash: UInt64) -> Int {
                guard filter.mayContain(hash) else { return -1 }
                var slot = Int(truncatingIfNeeded: hash) & slotMask
                while true {
                    let stored = slots[slot].hash
                    if stored == hash { return slot }
                    if stored == 0 { return -1 }
                    slot = (slot &+ 1) & slotMask
                }
            }
        }

        /// Calls `body` with pointers to the table's arrays.
        @inline(__always)
        func withPointers<R>(_ body: (Pointers) -> R) -> R {
            slots.withUnsafeBufferPointer { slots in
                filter.withPointer { filter in
                    body(Pointers(slots: slots.baseAddress!, filter: filter, slotMask: slotMask))
                }
            }
        }
    }
}
