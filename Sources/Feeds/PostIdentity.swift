/// The stable identity of a post without guid/id and link: FNV-1a 64 of title and text, as 16 hex digits.
enum PostIdentity {
    /// FNV-1a 64 over `title`, a NUL separator, and `text`, in lowercase hex.
    static func hash(title: String, text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01B3
        for b in title.utf8 {
            h ^= UInt64(b)
            h = h &* prime
        }
        h ^= 0
        h = h &* prime
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* prime
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
