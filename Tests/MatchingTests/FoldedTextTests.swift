import Testing

@testable import Matching

/// The folded bytes with markers shown as `|`.
private func shown(_ text: String) -> String {
    String(decoding: FoldedText(text).bytes.map { $0 == FoldedText.marker ? UInt8(ascii: "|") : $0 }, as: UTF8.self)
}

@Test(arguments: [
    ("Hello, World", "|hello, |world"),
    ("ACME   Cloud\n\tNow", "|acme |cloud |now"),
    ("#Acme @acme acme's", "#|acme @|acme |acme'|s"),
    ("Café Ærø ÉCLAIR", "|cafe |æro |eclair"),
    ("Straße ΣΟΦΟΣ", "|strasse |σοφοσ"),
    ("e\u{301}t\u{E9}", "|ete"),
    ("東京acme", "東京|acme"),
    ("a\u{00A0}\u{3000}b", "|a |b"),
    ("🚀acme", "🚀|acme"),
    ("ＡＣＭＥ", "|acme"),
    ("so\u{AD}ft", "|soft"),
])
func folding(_ input: String, _ expected: String) {
    #expect(shown(input) == expected)
}

@Test func foldedOffsetsMapBackToTheOriginal() {
    let text = "Café  au\u{301} lait   ÉCLAIR e\u{301}x"
    let folded = FoldedText(text)
    let utf8 = Array(text.utf8)
    // Every marker-free folded word maps back to where that word starts in the original.
    var starts: [Int] = []
    for (offset, byte) in folded.bytes.enumerated() where byte == FoldedText.marker { starts.append(offset) }
    let originals = folded.originalOffsets(starts + [folded.bytes.count])
    let words = originals.dropLast().map { String(decoding: utf8[$0...].prefix(while: { $0 != 0x20 }), as: UTF8.self) }
    #expect(words == ["Café", "au\u{301}", "lait", "ÉCLAIR", "e\u{301}x"])
    #expect(originals.last == utf8.count)
}

/// The emoji and pictographs the table holds fold there as they would on the fly (bytes and boundary kinds).
@Test func tabledPictographsFoldAsOnTheFly() {
    for value in UInt32(0x1F000)..<0x1FB00 {
        guard let scalar = Unicode.Scalar(value) else { continue }
        let source = Array(String(scalar).utf8)
        var tabled = [UInt8](repeating: 0, count: 16)
        var onTheFly = [UInt8](repeating: 0, count: 16)
        let (a, b) = source.withUnsafeBufferPointer { source in
            (
                tabled.withUnsafeMutableBufferPointer {
                    ScalarFold.write(scalar, source: source.baseAddress!, length: source.count, to: $0.baseAddress!)
                },
                onTheFly.withUnsafeMutableBufferPointer {
                    ScalarFold.writeOnTheFly(
                        scalar, source: source.baseAddress!, length: source.count, to: $0.baseAddress!)
                }
            )
        }
        #expect(a.count == b.count && a.first == b.first && a.last == b.last, "U+\(String(value, radix: 16))")
        #expect(tabled.prefix(a.count) == onTheFly.prefix(b.count), "U+\(String(value, radix: 16))")
    }
}
