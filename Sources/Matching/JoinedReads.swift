/// What the collecting first read of a ``JoinedText`` found (``WordIndex/collect(joined:into:tables:)``): the keys
/// in ASCII words, each text's in a run of its own, and which texts must be folded and scanned instead.
struct JoinedReads: ~Copyable {
    /// Keys found, `keyStart` counted from the start of the joined text.
    let hits: UnsafeMutablePointer<KeyHit>
    /// Room in `hits`.
    let capacity: Int
    /// Hits recorded.
    private(set) var hitCount = 0
    /// Per text: where its run of hits starts and ends.
    private let starts: UnsafeMutablePointer<Int32>
    private let ends: UnsafeMutablePointer<Int32>
    /// Per text: whether it must be folded and scanned.
    private let scanning: UnsafeMutablePointer<Bool>
    /// The texts with hits or to scan, in order (most texts have neither).
    private let noted: UnsafeMutablePointer<Int32>
    /// How many texts `noted` holds.
    private(set) var notedCount = 0
    let textCapacity: Int

    /// Reads with room for `capacity` keys over at most `texts` texts.
    init(capacity: Int, texts: Int) {
        self.capacity = capacity
        textCapacity = texts
        hits = .allocate(capacity: capacity)
        starts = .allocate(capacity: texts)
        ends = .allocate(capacity: texts)
        scanning = .allocate(capacity: texts)
        noted = .allocate(capacity: texts)
    }

    deinit {
        hits.deallocate()
        starts.deallocate()
        ends.deallocate()
        scanning.deallocate()
        noted.deallocate()
    }

    /// Forgets everything, for a read of `texts` texts.
    mutating func clear(texts: Int) {
        precondition(texts <= textCapacity, "more texts than the reads hold")
        hitCount = 0
        notedCount = 0
        starts.update(repeating: 0, count: texts)
        ends.update(repeating: 0, count: texts)
        scanning.update(repeating: false, count: texts)
    }

    /// Files hit `number` (the one after the last filed) under text `text`.
    mutating func file(_ number: Int, under text: Int) {
        if starts[text] == ends[text] {
            starts[text] = Int32(truncatingIfNeeded: number)
            note(text)
        }
        ends[text] = Int32(truncatingIfNeeded: number &+ 1)
        hitCount = number &+ 1
    }

    /// Marks text `text` as one to fold and scan.
    mutating func scan(_ text: Int) {
        scanning[text] = true
        note(text)
    }

    /// Adds `text` to the texts with hits or to scan (texts come in order).
    private mutating func note(_ text: Int) {
        let number = Int32(truncatingIfNeeded: text)
        guard notedCount == 0 || noted[notedCount &- 1] != number else { return }
        noted[notedCount] = number
        notedCount &+= 1
    }

    /// The `index`th text with hits or to scan, in order.
    func notedText(_ index: Int) -> Int { Int(noted[index]) }

    /// Whether text `text` must be folded and scanned.
    func mustScan(_ text: Int) -> Bool { scanning[text] }

    /// The hits of text `text` (empty for a text to scan too, if the read stopped before its first key).
    func hits(of text: Int) -> Range<Int> { Int(starts[text])..<Int(ends[text]) }
}
