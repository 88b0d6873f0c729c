extension WordIndex {
    /// A pattern filed under a key: its id and where the key's (first) word starts in it.
    struct Entry: Sendable {
        var pattern: Int32
        var keyOffset: Int32
    }

    /// One slot of a ``Table``: a key's hash (0 when empty) and its entries.
    struct Slot: Sendable {
        var hash: UInt64 = 0
        var start: Int32 = 0
        var count: Int32 = 0
    }

    /// An open-addressing table from key hashes to entries, behind a bit filter.
    struct Table: Sendable {
        let slots: [Slot]
        let entries: [Entry]
        /// One bit per filter slot; a key sets the bit its hash's top bits select.
        let filter: [UInt64]
        let filterShift: UInt64
        let slotMask: Int

        init(_ keyed: [(hash: UInt64, entry: Entry)]) {
            var groups: [UInt64: [Entry]] = [:]
            for (hash, entry) in keyed { groups[hash, default: []].append(entry) }
            var capacity = 16
            while capacity < groups.count * 2 { capacity *= 2 }
            // About 16 filter bits a key, at most 32 KB (the filter is read for every word and should stay in
            // the first-level cache).
            var filterBits = 4096
            while filterBits < groups.count * 16 && filterBits < 1 << 18 { filterBits *= 2 }
            var slots = [Slot](repeating: Slot(), count: capacity)
            var entries: [Entry] = []
            var filter = [UInt64](repeating: 0, count: filterBits / 64)
            let shift = UInt64(64 - filterBits.trailingZeroBitCount)
            for (hash, group) in groups.sorted(by: { $0.key < $1.key }) {
                var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
                while slots[slot].hash != 0 { slot = (slot + 1) & (capacity - 1) }
                slots[slot] = Slot(hash: hash, start: Int32(entries.count), count: Int32(group.count))
                entries += group
                let bit = Int(hash >> shift)
                filter[bit >> 6] |= 1 << UInt64(bit & 63)
            }
            self.slots = slots
            self.entries = entries
            self.filter = filter
            self.filterShift = shift
            self.slotMask = capacity - 1
        }

        /// The table's arrays as pointers, for the read loops.
        struct Pointers {
            let slots: UnsafePointer<Slot>
            let filter: UnsafePointer<UInt64>
            let filterShift: UInt64
            let slotMask: Int

            /// Whether `hash` may be in the table: its filter bit alone (false positives, no false negatives).
            @inline(__always)
            func mayContain(_ hash: UInt64) -> Bool {
                let bit = Int(truncatingIfNeeded: hash &>> filterShift)
                return filter[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0
            }

            /// The slot holding `hash`, or -1.
            @inline(__always)
            func find(_ hash: UInt64) -> Int {
                let bit = Int(truncatingIfNeeded: hash &>> filterShift)
                guard filter[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0 else { return -1 }
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
                filter.withUnsafeBufferPointer { filter in
                    body(
                        Pointers(
                            slots: slots.baseAddress!, filter: filter.baseAddress!, filterShift: filterShift,
                            slotMask: slotMask))
                }
            }
        }
    }
}
