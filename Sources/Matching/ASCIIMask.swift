/// Byte classes of 8 bytes at once (little-endian `UInt64`): 0x80 in each byte of the class, 0 elsewhere, with no
/// carry from one byte into the next. For the read loops and snippets.
enum ASCIIMask {
    static let high: UInt64 = 0x8080_8080_8080_8080

    /// The bytes that are a space (0x20).
    @inline(__always)
    static func spaces(_ x: UInt64) -> UInt64 {
        let t = x ^ 0x2020_2020_2020_2020
        return ~((t & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F | t) & high
    }

    /// The bytes that are whitespace other than a space (0x09...0x0D).
    @inline(__always)
    static func controls(_ x: UInt64) -> UInt64 {
        let y = x & 0x7F7F_7F7F_7F7F_7F7F
        return (y &+ 0x7777_7777_7777_7777) & ~(y &+ 0x7272_7272_7272_7272) & ~x & high
    }
}
