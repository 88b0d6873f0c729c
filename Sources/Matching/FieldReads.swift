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

    /// Records what the first read found in field `field`; how many of its keys are kept, to be checked in place
    /// (0 when the field is to be folded and scanned, or holds no key). With proximity operators a field that is
    /// not all ASCII is scanned: words between occurrences are counted in folded text.
    mutating func record(_ read: KeyRead, in field: Int, hasProximity: Bool) -> Int {
        switch read {
        case .nothing: return 0
        case .scan:
            scan.insert(FieldSet(index: field))
            return 0
        case .hits(_, ascii: false) where hasProximity:
            scan.insert(FieldSet(index: field))
            return 0
        case .hits(let count, _):
            direct.insert(FieldSet(index: field))
            return count
        }
    }

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
                    used += reads.record(read, in: field, hasProximity: hasProximity)
                }
                reads.end(field, at: used)
            }
            return reads
        }
    }
}
