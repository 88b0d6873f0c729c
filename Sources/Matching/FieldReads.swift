import EarshotCore

/// What the collecting first read found in each field of a post: the fields to fold and scan in full, and the
/// fields whose keys it recorded (each field's in its own run of one hit buffer), which need no folding.
struct FieldReads {
    /// Fields in which a pattern may occur where only the full fold and scan can say.
    var scan: FieldSet = []
    /// Fields with recorded keys.
    var direct: FieldSet = []
    /// The end of each field's run of hits, 16 bits per field.
    private var ends: UInt64 = 0

    /// Hits per post, at most (a post with more is folded and scanned). 128 hits of 8 bytes: the 1 KB that
    /// `withUnsafeTemporaryAllocation` places on the stack rather than the heap.
    static let capacity = 128

    /// Whether no field may hold a pattern.
    var isEmpty: Bool { scan.isEmpty && direct.isEmpty }

    /// Ends field `field`'s run of hits at `end` (fields are read in order).
    mutating func end(_ field: Int, at end: Int) {
        ends |= UInt64(end) << UInt64(field * 16)
    }

    /// Where field `field`'s hits are in the buffer.
    func hits(of field: Int) -> Range<Int> {
        let end = Int(truncatingIfNeeded: (ends >> UInt64(field * 16)) & 0xFFFF)
        let start = field == 0 ? 0 : Int(truncatingIfNeeded: (ends >> UInt64((field - 1) * 16)) & 0xFFFF)
        return start..<end
    }
}

extension Matcher {
    /// Reads the scanned fields of `post` once, recording the keys found in ASCII words in `hits` (at most
    /// ``FieldReads/capacity``).
    func read(_ post: Post, into hits: UnsafeMutablePointer<KeyHit>) -> FieldReads {
        let index = tables.index
        let scanned = tables.scannedFields
        let hasProximity = tables.hasProximity
        return index.withReadTables { readTables in
            var reads = FieldReads()
            var used = 0
            for field in 0..<4 {
                if scanned.contains(FieldSet(index: field)) {
                    let read = PostScan.withField(field, of: post) {
                        $0.isEmpty
                            ? .nothing
                            : index.collect(
                                in: $0, hits: hits + used, capacity: FieldReads.capacity - used, tables: readTables)
                    }
                    switch read {
                    case .nothing: break
                    case .scan: reads.scan.insert(FieldSet(index: field))
                    case .hits(_, ascii: false) where hasProximity:
                        // Words between occurrences are counted in folded text, unless the text is ASCII.
                        reads.scan.insert(FieldSet(index: field))
                    case .hits(let count, _):
                        reads.direct.insert(FieldSet(index: field))
                        used += count
                    }
                }
                reads.end(field, at: used)
            }
            return reads
        }
    }
}
