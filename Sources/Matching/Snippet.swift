/// A short plain-text excerpt around a match, for a mention.
enum Snippet {
    /// Longest snippet, in characters, ellipses included.
    static let limit = 160

    /// An excerpt of `text` around the match at UTF-8 offsets `start..<end`: at most ``limit`` characters,
    /// whitespace runs shown as one space, cut at word boundaries, with "…" where the text was cut.
    static func make(from text: String, start: Int, end: Int) -> String {
        let utf8 = text.utf8
        let lower = scalarStart(utf8, start)
        let upper = max(lower, scalarStart(utf8, end))
        let match = collapsed(text[lower..<upper])
        if match.count >= limit - 2 { return String(match.prefix(limit - 1)) + "…" }

        let room = limit - match.count - 2
        let before = leading(text[..<lower], budget: room / 2)
        let after = trailing(text[upper...], budget: room - before.count)
        return before + match + after
    }

    /// The index of the scalar that starts at or before UTF-8 offset `offset`.
    private static func scalarStart(_ utf8: String.UTF8View, _ offset: Int) -> String.Index {
        var offset = min(max(offset, 0), utf8.count)
        var index = utf8.index(utf8.startIndex, offsetBy: offset)
        while offset > 0 && offset < utf8.count && utf8[index] & 0xC0 == 0x80 {
            offset -= 1
            index = utf8.index(before: index)
        }
        return index
    }

    /// At most `budget` characters from the end of `prefix`, starting at a word, with "…" if cut.
    private static func leading(_ prefix: Substring, budget: Int) -> String {
        var index = prefix.endIndex
        var taken = 0
        while index > prefix.startIndex && taken < budget {
            prefix.formIndex(before: &index)
            taken += 1
        }
        var window = prefix[index...]
        if index > prefix.startIndex {
            let cutMidWord = !isSpace(prefix[prefix.index(before: index)])
            if cutMidWord, let space = window.firstIndex(where: isSpace) { window = window[space...] }
            let kept = collapsed(window)
            return "…" + (kept.first == " " ? String(kept.dropFirst()) : kept)
        }
        return collapsed(window)
    }

    /// At most `budget` characters from the start of `suffix`, ending at a word, with "…" if cut.
    private static func trailing(_ suffix: Substring, budget: Int) -> String {
        var index = suffix.startIndex
        var taken = 0
        while index < suffix.endIndex && taken < budget {
            suffix.formIndex(after: &index)
            taken += 1
        }
        var window = suffix[..<index]
        if index < suffix.endIndex {
            let cutMidWord = !isSpace(suffix[index])
            if cutMidWord, let space = window.lastIndex(where: isSpace) { window = window[..<space] }
            let kept = collapsed(window)
            return (kept.last == " " ? String(kept.dropLast()) : kept) + "…"
        }
        return collapsed(window)
    }

    /// `text` with every whitespace run replaced by one space.
    private static func collapsed(_ text: Substring) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var lastWasSpace = false
        for character in text {
            if isSpace(character) {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character)
                lastWasSpace = false
            }
        }
        return result
    }

    /// `Character.isWhitespace`, with a fast path for ASCII.
    @inline(__always)
    private static func isSpace(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return character.isWhitespace
    }
}
