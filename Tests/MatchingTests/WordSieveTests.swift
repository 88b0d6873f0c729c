import Testing

@testable import Matching

/// A random lowercase word of `length` ASCII letters and digits.
private func randomWord(length: Int, using generator: inout SeededGenerator) -> [UInt8] {
    let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789_".utf8)
    return (0..<length).map { _ in letters.randomElement(using: &generator)! }
}

/// `word` with its ASCII letters in uppercase.
private func uppercased(_ word: [UInt8]) -> [UInt8] { word.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 } }

/// `word` with its ASCII letters in lowercase.
private func lowercased(_ word: ArraySlice<UInt8>) -> [UInt8] {
    word.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
}

/// A sieve of `count` random key words of 1 to 14 bytes, and the words.
private func randomSieve(words count: Int, using generator: inout SeededGenerator) -> (WordSieve, Set<[UInt8]>) {
    var words = Set<[UInt8]>()
    while words.count < count {
        words.insert(randomWord(length: Int.random(in: 1...14, using: &generator), using: &generator))
    }
    let sieve = WordSieve(words.map { (bytes: ArraySlice($0), leading: true) })
    return (sieve, words)
}

/// The sieve hash of a whole word, as the read loops compute it: from two loads for 4 bytes or more, from its
/// bytes with bit 5 set otherwise.
private func sieveHash(_ word: [UInt8]) -> UInt64 {
    if word.count >= 4 {
        return word.withUnsafeBufferPointer { WordSieve.hash(longWordAt: $0.baseAddress!, length: $0.count) }
    }
    var chunk: UInt64 = 0
    for (index, byte) in word.enumerated() { chunk |= UInt64(byte) << UInt64(index * 8) }
    return WordSieve.hash(WordSieve.chunk(chunk, count: word.count), count: word.count)
}

/// Every key word passes its sieve, in lowercase and in uppercase (the hash sets bit 5 of every byte), and of
/// random words that are not keys only a few do: with 16 bits per word and two bits each, about 1.5% are
/// expected; a hash whose bits did not depend on every byte would let many more through.
@Test(arguments: [10, 1_300, 12_000])
func sieveHasNoFalseNegativesAndFewFalsePositives(keys: Int) {
    var generator = SeededGenerator(state: 20_261_122 &+ UInt64(keys))
    let (sieve, words) = randomSieve(words: keys, using: &generator)
    sieve.withPointer { pointer in
        for word in words {
            #expect(pointer.may(sieveHash(word)), "\(String(decoding: word, as: UTF8.self))")
            let upper = uppercased(word)
            #expect(pointer.may(sieveHash(upper)), "\(String(decoding: upper, as: UTF8.self))")
        }
        var tried = 0
        var passed = 0
        while tried < 20_000 {
            let word = randomWord(length: Int.random(in: 4...12, using: &generator), using: &generator)
            if words.contains(word) { continue }
            tried += 1
            if pointer.may(sieveHash(word)) { passed += 1 }
        }
        #expect(Double(passed) / Double(tried) < 0.04, "\(passed) of \(tried) random words passed")
    }
}

/// A block of text: words of 1 to 12 bytes, some of them keys, parted by one or more separators, and the
/// starts and ends (one past the last byte) of its complete words of 4 bytes or more, as the block loop masks
/// them.
private func randomBlock(
    keys: [[UInt8]], using generator: inout SeededGenerator
) -> (bytes: [UInt8], starts: UInt64, ends: UInt64, long: [Range<Int>]) {
    var bytes: [UInt8] = []
    var long: [Range<Int>] = []
    let separators = Array(" .,-:\n".utf8)
    while bytes.count < 64 {
        let word =
            Bool.random(using: &generator)
            ? keys.randomElement(using: &generator)!
            : randomWord(length: Int.random(in: 1...12, using: &generator), using: &generator)
        let start = bytes.count
        bytes += Bool.random(using: &generator) ? word : uppercased(word)
        // A word counts only if it ends inside the block, with a separator after it.
        if word.count >= 4 && bytes.count < 64 { long.append(start..<bytes.count) }
        for _ in 0..<Int.random(in: 1...2, using: &generator) {
            bytes.append(separators.randomElement(using: &generator)!)
        }
    }
    bytes = Array(bytes.prefix(64))
    var starts: UInt64 = 0
    var ends: UInt64 = 0
    for word in long {
        starts |= 1 << UInt64(word.lowerBound)
        ends |= 1 << UInt64(word.upperBound)
    }
    return (bytes, starts, ends, long)
}

/// The block loop's sieve of words of 4 bytes or more (`FirstReader.sieveLong`: on a CPU with AVX-512 and a small
/// sieve, the vector kernel; otherwise, and with the 10,000-term sieve, the word loop) lets through exactly the
/// words whose hash passes the sieve one at a time: every key word, and the same few others.
@Test(arguments: [1_300, 12_000])
func blockSieveAgreesWithTheWordByWordSieve(keys: Int) {
    var generator = SeededGenerator(state: 20_261_123 &+ UInt64(keys))
    let (sieve, words) = randomSieve(words: keys, using: &generator)
    let longKeys = words.filter { $0.count >= 4 }.sorted { $0.lexicographicallyPrecedes($1) }
    var checked = 0
    var keysPassed = 0
    sieve.withPointer { pointer in
        for _ in 0..<4_000 {
            let block = randomBlock(keys: longKeys, using: &generator)
            var expected: UInt64 = 0
            for word in block.long where pointer.may(sieveHash(Array(block.bytes[word]))) {
                expected |= 1 << UInt64(word.lowerBound)
            }
            let passed = block.bytes.withUnsafeBufferPointer {
                FirstReader.sieveLong($0.baseAddress!, starts: block.starts, ends: block.ends, sieve: pointer)
            }
            #expect(passed == expected, "\(String(decoding: block.bytes, as: UTF8.self))")
            for word in block.long {
                let lower = lowercased(block.bytes[word])
                if words.contains(lower) {
                    keysPassed += 1
                    #expect(passed & 1 << UInt64(word.lowerBound) != 0)
                }
            }
            checked += block.long.count
        }
    }
    // The blocks held many words, and keys among them (the test would prove nothing otherwise).
    #expect(checked > 10_000)
    #expect(keysPassed > 2_000)
}
