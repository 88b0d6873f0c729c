/// Texts joined one after another in one buffer, for the first read of many posts at once
/// (``WordIndex/mayOccur(joined:tables:found:)``, ``WordIndex/collect(joined:into:tables:)``): each text followed
/// by ``separator``, in *parts* of ``textsPerPart`` texts (a post's scanned fields), and after the last one
/// ``FirstReader/padded`` zero bytes, so that the read loads whole blocks up to the end.
struct JoinedText: ~Copyable {
    /// What follows each text: a byte that is neither a word byte nor whitespace, so that no word and no pair
    /// of words runs from one text into the next.
    static let separator = UInt8(ascii: ".")

    /// Bytes of text a buffer holds (the padding comes on top). 16 KB: written and then read at once, the
    /// texts stay in the first-level cache.
    let capacity: Int
    /// Texts in a part.
    let textsPerPart: Int
    /// Parts a buffer holds.
    let partCapacity: Int
    let bytes: UnsafeMutablePointer<UInt8>
    /// Where each text ends (after its separator).
    let ends: UnsafeMutablePointer<Int>
    /// Bytes used.
    private(set) var count = 0
    /// Texts appended.
    private(set) var texts = 0

    init(textsPerPart: Int, capacity: Int = 16 * 1024, partCapacity: Int = 512) {
        self.capacity = capacity
        self.textsPerPart = max(textsPerPart, 1)
        self.partCapacity = partCapacity
        bytes = .allocate(capacity: capacity &+ FirstReader.padded)
        ends = .allocate(capacity: partCapacity &* self.textsPerPart)
    }

    deinit {
        bytes.deallocate()
        ends.deallocate()
    }

    /// Parts appended.
    var parts: Int { texts / textsPerPart }

    /// Whether the buffer holds as many parts as it may.
    var isFull: Bool { parts == partCapacity }

    /// Where text `index` starts.
    func start(of index: Int) -> Int { index == 0 ? 0 : ends[index &- 1] }

    /// Where part `part` ends (after its last separator).
    func end(ofPart part: Int) -> Int { ends[(part &+ 1) &* textsPerPart &- 1] }

    /// Appends `text` and a separator; false (and nothing appended) when it does not fit.
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count < capacity &- count else { return false }
        if let base = text.baseAddress, text.count > 0 {
            (bytes + count).update(from: base, count: text.count)
        }
        count &+= text.count
        bytes[count] = Self.separator
        count &+= 1
        ends[texts] = count
        texts &+= 1
        return true
    }

    /// Drops the texts of the part in progress.
    mutating func dropPartialPart() {
        texts = parts &* textsPerPart
        count = texts == 0 ? 0 : ends[texts &- 1]
    }

    /// Zeroes the padding after the texts, for the read.
    func pad() {
        (bytes + count).update(repeating: 0, count: FirstReader.padded)
    }

    /// Whether text `index` is all ASCII.
    func isASCII(_ index: Int) -> Bool {
        var offset = start(of: index)
        let end = ends[index]
        while offset &+ 8 <= end {
            if UnsafeRawPointer(bytes + offset).loadUnaligned(as: UInt64.self) & ASCIIMask.high != 0 { return false }
            offset &+= 8
        }
        while offset < end {
            if bytes[offset] >= 0x80 { return false }
            offset &+= 1
        }
        return true
    }

    /// Empties the buffer for the next texts.
    mutating func clear() {
        count = 0
        texts = 0
    }
}
