import Testing

@testable import Matching

/// The byte classes of one 64-byte block, a byte at a time: the reference both classifications must give.
private func reference(_ bytes: [UInt8]) -> BlockClasses {
    var words: UInt64 = 0
    var nonASCII: UInt64 = 0
    for (index, byte) in bytes.enumerated() {
        let isWord =
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == 0x5F
        if isWord { words |= 1 << UInt64(index) }
        if byte >= 0x80 { nonASCII |= 1 << UInt64(index) }
    }
    return BlockClasses(words: words, nonASCII: nonASCII)
}

/// Every byte value at every position of a block, and random blocks (mostly text, some of every byte): the
/// platform's classification (SSE2 on x86-64) and the 8-byte one agree with the byte-at-a-time reference.
@Test func blockClassesAgreeWithTheByteReference() {
    var blocks: [[UInt8]] = []
    for value in 0...255 {
        // The value at each position in turn, among bytes that change class at the range edges.
        let edges: [UInt8] = [0x2F, 0x30, 0x39, 0x3A, 0x40, 0x41, 0x5A, 0x5B, 0x5E, 0x5F, 0x60, 0x61, 0x7A, 0x7B, 0x7F]
        for position in 0..<64 {
            var block = (0..<64).map { edges[($0 + value) % edges.count] }
            block[position] = UInt8(value)
            blocks.append(block)
        }
    }
    var generator = SeededGenerator(state: 20_261_122)
    let text = Array("Acme_Cloud 2026: café, 東京 — #data @bob x1 ZZ".utf8)
    for _ in 0..<2_000 {
        blocks.append(
            (0..<64).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0
                    ? UInt8.random(in: 0...255, using: &generator) : text.randomElement(using: &generator)!
            })
    }
    for block in blocks {
        let expected = reference(block)
        block.withUnsafeBytes { bytes in
            #expect(BlockClasses(bytes.baseAddress!) == expected, "\(block)")
            #expect(BlockClasses.scalar(bytes.baseAddress!) == expected, "\(block)")
        }
    }
}

/// The unrolled copy of a short field moves exactly its bytes, at every length under a block, and leaves the
/// zeros after them.
@Test func shortCopiesMoveExactlyTheirBytes() {
    let source = (0..<64).map { UInt8(0xA0 + $0) }
    for count in 0..<64 {
        var target = [UInt8](repeating: 0, count: FirstReader.padded)
        source.withUnsafeBufferPointer { source in
            target.withUnsafeMutableBufferPointer { target in
                FirstReader.copyShort(source.baseAddress!, count: count, to: target.baseAddress!)
            }
        }
        #expect(Array(target[..<count]) == Array(source[..<count]), "count \(count)")
        #expect(target[count...].allSatisfy { $0 == 0 }, "count \(count)")
    }
}

/// The runs the first read keeps words by (those as long as the shortest key word): for every length from 1
/// to 8, a bit is kept exactly when it and the bits after it, that many in all, are set.
@Test func runsKeepTheBitsThatBeginLongEnoughRuns() {
    var generator = SeededGenerator(state: 20_261_129)
    for _ in 0..<2_000 {
        // Mostly set bits, so that runs of every length occur.
        let mask =
            UInt64.random(in: 0...UInt64.max, using: &generator) | UInt64.random(in: 0...UInt64.max, using: &generator)
        for length in 1...8 {
            var expected: UInt64 = 0
            for bit in 0..<64 where (bit..<(bit + length)).allSatisfy({ $0 < 64 && mask >> UInt64($0) & 1 == 1 }) {
                expected |= 1 << UInt64(bit)
            }
            #expect(FirstReader.runs(mask, length) == expected, "mask \(mask), length \(length)")
        }
    }
}
