extension WordIndex {
    /// The first read of many texts at once, joined one after another in one buffer: for each part (a post's
    /// fields) in which some key may occur, calls `found` with the part's number, in order. A part it does not
    /// report is one in which ``mayOccur(in:wide:)`` is false for every text.
    ///
    /// The read runs from the start of the buffer to the first key, and then again from the start of the part
    /// after the one that key is in: the 64-byte loop goes over many short fields without starting and ending
    /// at each (a title of 50 bytes is a block of its own when read alone). Only for an index without unkeyed
    /// patterns (``automaton`` nil): whether one of those may occur is a question for each text.
    func mayOccur(
        joined text: borrowing JoinedText, tables: UnsafePointer<FirstReader.Tables>, found: (Int) -> Void
    ) {
        precondition(automaton == nil, "a joined read does not look for unkeyed patterns")
        let count = text.count
        var from = 0
        var index = 0
        while from < count {
            var reader = FirstReader(
                base: UnsafePointer(text.bytes + from), count: count &- from,
                readable: count &- from &+ FirstReader.padded, tables: tables, hits: nil, capacity: 0)
            guard reader.run(wide: true) == .found else { return }
            let at = from &+ reader.reached
            while index < text.texts && text.ends[index] <= at { index &+= 1 }
            guard index < text.texts else { return }
            let part = index / text.textsPerPart
            found(part)
            from = text.end(ofPart: part)
            index = (part &+ 1) &* text.textsPerPart
        }
    }

    /// The collecting first read (``collect(in:hits:capacity:tables:)``) of many texts at once, joined in one
    /// buffer: records in `reads` every key found in a word of ASCII letters and digits (where it starts, from
    /// the start of the buffer) and which texts must be folded and scanned instead. A text is to be scanned
    /// when the read stopped in it (a key in a word with other characters), or when `reads` had no room left
    /// for its keys; the read then goes on from the next text.
    func collect(
        joined text: borrowing JoinedText, into reads: inout JoinedReads, tables: UnsafePointer<FirstReader.Tables>
    ) {
        precondition(automaton == nil, "a joined read does not look for unkeyed patterns")
        reads.clear(texts: text.texts)
        let count = text.count
        var from = 0
        var index = 0
        while from < count {
            let used = reads.hitCount
            var reader = FirstReader(
                base: UnsafePointer(text.bytes + from), count: count &- from,
                readable: count &- from &+ FirstReader.padded, tables: tables, hits: reads.hits + used,
                capacity: reads.capacity &- used)
            let outcome = reader.run(wide: true)
            // File the new hits under their texts (a key's words are in one text: the separator parts them).
            for number in used..<(used &+ reader.hitCount) {
                let hit = reads.hits[number]
                let at = from &+ Int(hit.keyStart)
                while text.ends[index] <= at { index &+= 1 }
                reads.hits[number] = KeyHit(slot: hit.slot, keyStart: at, prefix: hit.prefix)
                reads.file(number, under: index)
            }
            guard outcome == .found else { return }
            let at = from &+ reader.reached
            while index < text.texts && text.ends[index] <= at { index &+= 1 }
            guard index < text.texts else { return }
            reads.scan(index)
            from = text.ends[index]
            index &+= 1
        }
    }
}
