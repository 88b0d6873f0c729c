/// How folded characters count for word boundaries.
///
/// - Word characters are ASCII letters, digits and `_`, and non-ASCII letters, numbers and combining marks.
/// - Characters of scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) are
///   *unspaced*: a term that starts (ends) with one needs no boundary there, so such terms match as substrings,
///   and next to a term in another script they count as a boundary (`"acme"` matches in `"acmeの"`).
/// - Everything else (whitespace, punctuation, symbols, emoji) is a boundary.
enum WordBoundary {
    /// What one character is, for boundary purposes.
    enum Kind: UInt8, Equatable {
        /// Letter, digit or mark of a script that separates words with spaces: needs a boundary next to it.
        case word
        /// Letter of a script written without spaces.
        case unspaced
        /// Whitespace, punctuation, symbol.
        case other
    }

    /// ASCII kinds, indexed by byte.
    static let ascii: [Kind] = (0..<128).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            .word
        default: .other
        }
    }

    /// The kinds of the first and last scalars of valid, non-empty UTF-8 `bytes`.
    static func kinds(of bytes: UnsafeBufferPointer<UInt8>) -> (first: Kind, last: Kind) {
        (kind(at: 0, in: bytes), kind(before: bytes.count, in: bytes))
    }

    /// The kind of `scalar`.
    static func kind(of scalar: Unicode.Scalar) -> Kind {
        let value = scalar.value
        if value < 0x80 { return ascii[Int(value)] }
        if isUnspaced(value) { return .unspaced }
        let properties = scalar.properties
        if properties.isAlphabetic { return .word }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark,
            .connectorPunctuation:
            return .word
        default:
            return .other
        }
    }

    /// Whether `value` belongs to a script written without spaces between words.
    static func isUnspaced(_ value: UInt32) -> Bool {
        switch value {
        case 0x0E00...0x0EFF,  // Thai, Lao
            0x1000...0x109F,  // Myanmar
            0x1780...0x17FF, 0x19E0...0x19FF,  // Khmer
            0x3005...0x3007, 0x3021...0x3029, 0x3031...0x3035, 0x3038...0x303C,  // CJK marks and numerals
            0x3040...0x30FF, 0x31F0...0x31FF,  // Hiragana, Katakana
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // Han
            0xFF66...0xFF9F,  // halfwidth Katakana
            0x20000...0x3FFFF:  // Han, supplementary planes
            true
        default:
            false
        }
    }

    /// The kind of the character that starts at byte `offset` of valid UTF-8 `bytes`.
    /// A ``FoldedText/marker`` counts as `.other`.
    static func kind(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Kind {
        let byte = bytes[offset]
        if byte < 0x80 { return ascii[Int(byte)] }
        if byte == FoldedText.marker { return .other }
        return kind(of: UTF8Decoding.scalar(at: offset, in: bytes))
    }

    /// The kind of the character that ends just before byte `offset` of valid UTF-8 `bytes`.
    static func kind(before offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Kind {
        var start = offset - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return kind(at: start, in: bytes)
    }
}
