/// Decides from the first bytes of a body what kind of document it is (never from the URL).
enum ContentSniffer {
    /// What the body looks like.
    enum Kind: Equatable {
        case empty
        case json
        case html
        /// XML; `declaresEncoding` when a BOM or an `encoding=` in the XML declaration fixes the charset.
        case xml(declaresEncoding: Bool)
        /// Neither; carries a short printable excerpt of the start.
        case garbage(String)
    }

    static func sniff(_ body: [UInt8]) -> Kind {
        let n = body.count
        if n >= 2 && ((body[0] == 0xFE && body[1] == 0xFF) || (body[0] == 0xFF && body[1] == 0xFE)) {
            return .xml(declaresEncoding: true)
        }
        var i = 0
        var bom = false
        if n >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF {
            i = 3
            bom = true
        }
        while i < n && HTMLText.isSpace(body[i]) { i += 1 }
        if i == n { return .empty }
        let first = body[i]
        if first == UInt8(ascii: "{") { return .json }
        if first == 0 || (i + 1 < n && body[i + 1] == 0 && first == UInt8(ascii: "<")) {
            return .xml(declaresEncoding: true)  // UTF-16/32 without BOM: libxml2 detects it.
        }
        guard first == UInt8(ascii: "<") else { return .garbage(excerpt(body, from: i)) }
        if startsWithLower(body, at: i, "<!doctype html") || startsWithLower(body, at: i, "<html") {
            return .html
        }
        if bom { return .xml(declaresEncoding: true) }
        if startsWithLower(body, at: i, "<?xml") {
            // Look for encoding= inside the declaration.
            var j = i + 5
            while j < n && j < i + 200 && body[j] != UInt8(ascii: ">") {
                if startsWithLower(body, at: j, "encoding") { return .xml(declaresEncoding: true) }
                j += 1
            }
        }
        return .xml(declaresEncoding: false)
    }

    /// `charset` parameter of a Content-Type header value, e.g. `text/xml; charset=ISO-8859-1`.
    static func charset(fromContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpacesLower() == "charset" else { continue }
            var value = String(pair[1]).trimmingSpaces()
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            let lower = value.lowercased()
            if lower.isEmpty || lower == "utf-8" || lower == "utf8" { return nil }
            return value
        }
        return nil
    }

    static func startsWithLower(_ body: [UInt8], at i: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i + n <= body.count else { return false }
        let p = literal.utf8Start
        for k in 0..<n {
            let b = body[i + k]
            let lower = (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) ? b | 0x20 : b
            if lower != p[k] { return false }
        }
        return true
    }

    static func excerpt(_ body: [UInt8], from i: Int) -> String {
        var out = ""
        for b in body[i..<min(body.count, i + 16)] {
            if b >= 0x20 && b < 0x7F { out.append(Character(Unicode.Scalar(b))) } else { out += "\\x" + hex(b) }
        }
        return "\"\(out)\""
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }
}

extension Substring {
    func trimmingSpacesLower() -> String { String(self).trimmingSpaces().lowercased() }
}
