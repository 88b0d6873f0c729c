/// Turns HTML (or plain text) bytes into plain text with a single byte loop: tags dropped, `script`/`style`
/// contents dropped, block elements and `<br>` become a space, entities decoded, whitespace collapsed and trimmed.
public enum HTMLText {
    /// How the input is to be read.
    public enum Mode: Sendable {
        /// Markup and entities are interpreted.
        case html
        /// Taken literally; only whitespace is collapsed.
        case plain
    }

    /// Converts `input` to a plain-text `String`.
    public static func string(_ input: [UInt8], mode: Mode) -> String {
        if input.isEmpty { return "" }
        return input.withUnsafeBufferPointer { string($0, mode: mode) }
    }

    /// Converts `input` to a plain-text `String`, writing straight into the string's storage.
    static func string(_ input: UnsafeBufferPointer<UInt8>, mode: Mode) -> String {
        // Output never exceeds twice the input (the worst entity, `&nGt;`, is 5 bytes for 6).
        String(unsafeUninitializedCapacity: input.count * 2 + 8) { out in
            convert(input, mode: mode, into: out.baseAddress!)
        }
    }

    /// Output byte for each input byte in the plain-copy path: whitespace and control characters become a space,
    /// everything else itself. Allocated once, never freed, only read.
    nonisolated(unsafe) static let byteMap: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 {
            switch b {
            case 0..<0x21, 0x7F: table[b] = 0x20
            default: table[b] = UInt8(b)
            }
        }
        return UnsafePointer(table)
    }()

    /// Writes the plain text of `input` to `out` (room for `2 * input.count + 8` bytes); returns the byte count.
    /// Whitespace is written as one space (never two in a row, never first, never last); the plain-copy path is
    /// branch-free so that word/space alternation costs no mispredictions.
    static func convert(_ input: UnsafeBufferPointer<UInt8>, mode: Mode, into out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let base = input.baseAddress else { return 0 }
        let n = input.count
        let html = mode == .html
        let map = byteMap
        var i = 0
        var o = 0
        var last: UInt8 = 0x20  // the last byte written; a space before the start trims leading whitespace
        while i < n {
            let c = base[i]
            let special = c == 0x3C || c == 0x26 || c == 0xC2
            if !special || (!html && c != 0xC2) {
                let b = map[Int(c)]
                out[o] = b
                o &+= (b == 0x20 && last == 0x20) ? 0 : 1
                last = b
                i &+= 1
                continue
            }
            if c == 0xC2 {
                if i + 1 < n && base[i + 1] == 0xA0 {  // U+00A0 no-break space
                    if last != 0x20 {
                        out[o] = 0x20
                        o += 1
                        last = 0x20
                    }
                    i += 2
                    continue
                }
            } else if c == UInt8(ascii: "<") {
                var block = false
                if let next = skipMarkup(input, at: i, pendingSpace: &block) {
                    i = next
                    if block && last != 0x20 {
                        out[o] = 0x20
                        o += 1
                        last = 0x20
                    }
                    continue
                }
            } else if let next = decodeEntity(input, at: i, into: out, at: &o) {
                i = next
                last = o > 0 ? out[o - 1] : 0x20
                if o > 1 && last == 0x20 && out[o - 2] == 0x20 { o -= 1 }
                continue
            }
            out[o] = c
            o += 1
            last = c
            i += 1
        }
        if o > 0 && out[o - 1] == 0x20 { o -= 1 }
        return o
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
    }

    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
    }

    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool {
        isAlpha(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    /// Skips a tag, comment, doctype or processing instruction starting at `start` (a `<`). Returns the index after
    /// it, or nil when the `<` does not start markup and is text.
    static func skipMarkup(_ s: UnsafeBufferPointer<UInt8>, at start: Int, pendingSpace: inout Bool) -> Int? {
        let n = s.count
        var i = start + 1
        guard i < n else { return nil }
        let c = s[i]
        if c == UInt8(ascii: "!") {
            if i + 2 < n && s[i + 1] == UInt8(ascii: "-") && s[i + 2] == UInt8(ascii: "-") {
                // Comment: up to "-->" (or the end of the input).
                var j = i + 3
                while j + 2 < n {
                    if s[j] == UInt8(ascii: "-") && s[j + 1] == UInt8(ascii: "-") && s[j + 2] == UInt8(ascii: ">") {
                        return j + 3
                    }
                    j += 1
                }
                return n
            }
            guard let end = find(UInt8(ascii: ">"), in: s, from: i) else { return nil }
            return end + 1
        }
        if c == UInt8(ascii: "?") {
            guard let end = find(UInt8(ascii: ">"), in: s, from: i) else { return nil }
            return end + 1
        }
        var closing = false
        if c == UInt8(ascii: "/") {
            closing = true
            i += 1
        }
        guard i < n, isAlpha(s[i]) else { return nil }
        let nameStart = i
        while i < n && (isAlnum(s[i]) || s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: ":")) { i += 1 }
        let nameEnd = i
        // Find the closing '>' outside quoted attribute values.
        var quote: UInt8 = 0
        while i < n {
            let b = s[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                // Only a quote right after '=' (possibly spaced) opens a value.
                var k = i - 1
                while k > nameEnd && isSpace(s[k]) { k -= 1 }
                if s[k] == UInt8(ascii: "=") { quote = b }
            } else if b == UInt8(ascii: ">") {
                break
            }
            i += 1
        }
        guard i < n else { return nil }
        let afterTag = i + 1
        let name = UnsafeBufferPointer(rebasing: s[nameStart..<nameEnd])
        if !closing && (equalsLower(name, "script") || equalsLower(name, "style")) {
            // Drop everything up to the matching end tag.
            let tagName = equalsLower(name, "script") ? "script" : "style"
            var j = afterTag
            while j + 1 < n {
                if s[j] == UInt8(ascii: "<") && s[j + 1] == UInt8(ascii: "/") {
                    let candidateEnd = min(n, j + 2 + tagName.utf8.count)
                    if equalsLower(UnsafeBufferPointer(rebasing: s[(j + 2)..<candidateEnd]), tagName) {
                        if let end = find(UInt8(ascii: ">"), in: s, from: candidateEnd) { return end + 1 }
                        return n
                    }
                }
                j += 1
            }
            return n
        }
        if isBlock(name) { pendingSpace = true }
        return afterTag
    }

    @inline(__always) static func find(_ byte: UInt8, in s: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var j = from
        while j < s.count {
            if s[j] == byte { return j }
            j += 1
        }
        return nil
    }

    /// ASCII case-insensitive comparison with a lowercase literal.
    static func equalsLower(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: String) -> Bool {
        var literal = literal
        return literal.withUTF8 { lit in
            guard lit.count == bytes.count else { return false }
            for k in 0..<lit.count where (bytes[k] | 0x20) != lit[k] { return false }
            return true
        }
    }

    /// Elements that break the text flow (rendered as whitespace).
    static func isBlock(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count <= 10 else { return false }
        var key: UInt64 = 0
        for b in name { key = (key << 8) | UInt64(b | 0x20) }
        return blockKeys.contains(key)
    }

    /// Block element names packed into integers for a quick set lookup.
    static let blockKeys: Set<UInt64> = {
        let names = [
            "p", "br", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
            "table", "thead", "tbody", "tfoot", "caption", "blockquote", "pre", "hr", "section", "article", "header",
            "footer", "nav", "aside", "figure", "figcaption", "address", "main", "img", "iframe", "video", "audio",
            "form", "fieldset", "details", "summary", "center", "option", "body", "html", "head", "title",
        ]
        var keys = Set<UInt64>()
        for name in names {
            var key: UInt64 = 0
            for b in name.utf8 { key = (key << 8) | UInt64(b) }
            keys.insert(key)
        }
        return keys
    }()

    /// Decodes `&name;`, `&#123;` or `&#x1F;` at `start`, writing its UTF-8 to `out` at `o` (whitespace-like
    /// results as a single space). Returns the index after the reference, or nil when this is not a known,
    /// terminated reference (the `&` is then literal text).
    static func decodeEntity(
        _ s: UnsafeBufferPointer<UInt8>, at start: Int, into out: UnsafeMutablePointer<UInt8>, at o: inout Int
    ) -> Int? {
        let n = s.count
        var i = start + 1
        guard i < n else { return nil }
        var scalar: UInt32 = 0
        var named: [UInt8]?
        if s[i] == UInt8(ascii: "#") {
            i += 1
            var hex = false
            if i < n && (s[i] | 0x20) == UInt8(ascii: "x") {
                hex = true
                i += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while i < n && digits < 8 {
                let b = s[i]
                let d: UInt32
                if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                    d = UInt32(b - UInt8(ascii: "0"))
                } else if hex && (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "f") {
                    d = UInt32((b | 0x20) - UInt8(ascii: "a") + 10)
                } else {
                    break
                }
                value = value * (hex ? 16 : 10) + d
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if i < n && s[i] == UInt8(ascii: ";") { i += 1 }
            scalar = windows1252Fixup(value)
        } else {
            let nameStart = i
            while i < n && i - nameStart <= HTMLEntities.maxNameLength && isAlnum(s[i]) { i += 1 }
            guard i < n, s[i] == UInt8(ascii: ";"), i > nameStart else { return nil }
            let name = UnsafeBufferPointer(rebasing: s[nameStart..<i])
            i += 1
            switch (name.count, name[0]) {
            case (3, UInt8(ascii: "a")) where name[1] == UInt8(ascii: "m") && name[2] == UInt8(ascii: "p"):
                scalar = 0x26
            case (2, UInt8(ascii: "l")) where name[1] == UInt8(ascii: "t"): scalar = 0x3C
            case (2, UInt8(ascii: "g")) where name[1] == UInt8(ascii: "t"): scalar = 0x3E
            case (4, UInt8(ascii: "n"))
            where name[1] == UInt8(ascii: "b") && name[2] == UInt8(ascii: "s")
                && name[3] == UInt8(ascii: "p"):
                scalar = 0xA0
            default:
                guard let bytes = HTMLEntities.lookup(name) else { return nil }
                named = bytes
            }
        }
        if let named {
            if (named.count == 2 && named[0] == 0xC2 && named[1] == 0xA0) || (named.count == 1 && named[0] <= 0x20) {
                scalar = 0x20
            } else {
                for b in named {
                    out[o] = b
                    o += 1
                }
                return i
            }
        }
        if scalar == 0xA0 || scalar == 0x20 || scalar == 0x09 || scalar == 0x0A || scalar == 0x0D {
            if o > 0 && out[o - 1] != 0x20 {
                out[o] = 0x20
                o += 1
            }
            return i
        }
        var v = scalar
        if v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { v = 0xFFFD }
        switch v {
        case 0..<0x80:
            out[o] = UInt8(v)
            o += 1
        case 0x80..<0x800:
            out[o] = UInt8(0xC0 | (v >> 6))
            out[o + 1] = UInt8(0x80 | (v & 0x3F))
            o += 2
        case 0x800..<0x10000:
            out[o] = UInt8(0xE0 | (v >> 12))
            out[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            out[o + 2] = UInt8(0x80 | (v & 0x3F))
            o += 3
        default:
            out[o] = UInt8(0xF0 | (v >> 18))
            out[o + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            out[o + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
            out[o + 3] = UInt8(0x80 | (v & 0x3F))
            o += 4
        }
        return i
    }

    /// Numeric references in 0x80-0x9F are, per HTML5, the windows-1252 characters at those positions.
    static func windows1252Fixup(_ value: UInt32) -> UInt32 {
        guard value >= 0x80 && value <= 0x9F else { return value }
        let map: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
            0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
            0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return map[Int(value - 0x80)]
    }
}
