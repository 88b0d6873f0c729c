import Foundation

/// An RFC 5322 message with a single UTF-8 text part, or a `multipart/alternative` text + HTML pair. Header values are sanitized and RFC 2047-encoded, so no
/// content from a feed can add or break a header.
public struct MailMessage: Sendable {
    public var from: (name: String, address: String)
    public var to: (name: String, address: String)
    public var subject: String
    public var date: Date
    /// Without angle brackets.
    public var messageID: String
    public var body: String
    /// When set, the message is `multipart/alternative` with `body` as the text part and this as the HTML part
    /// (both base64, so the message is 7-bit clean for any SMTP server).
    public var html: String?

    public init(
        from: (name: String, address: String), to: (name: String, address: String), subject: String, date: Date,
        messageID: String, body: String, html: String? = nil
    ) {
        self.html = html
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.body = body
    }

    /// The message bytes, with `lineEnding` ("\n" for Maildir, "\r\n" on the wire).
    public func rendered(lineEnding: String = "\n") -> [UInt8] {
        let fold = lineEnding + " "
        var headers = [
            "From: " + Self.mailbox(from.name, from.address, fold: fold),
            "To: " + Self.mailbox(to.name, to.address, fold: fold),
            "Subject: " + Self.encodedWords(subject, fold: fold),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: <\(Self.sanitized(messageID))>",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
        ]
        if let html {
            return Array(multipart(headers: headers, html: html, lineEnding: lineEnding).utf8)
        }
        headers += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
        headers.append("")
        var text = headers.joined(separator: lineEnding) + lineEnding
        for line in body.split(separator: "\n", omittingEmptySubsequences: false).dropLast(body.hasSuffix("\n") ? 1 : 0)
        {
            text += Self.wrapped(String(line)).joined(separator: lineEnding) + lineEnding
        }
        return Array(text.utf8)
    }

    /// Headers, then a text and an HTML part, each base64 in lines of 76 characters.
    private func multipart(headers: [String], html: String, lineEnding: String) -> String {
        let boundary =
            "=_earshot_"
            + String(
                Self.sanitized(messageID).unicodeScalars.filter {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
                }.prefix(40).map(Character.init)) + "_alt"
        var lines = headers
        lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("This is a multi-part message in MIME format.")
        for (type, content) in [("text/plain", body), ("text/html", html)] {
            lines.append("--" + boundary)
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            let encoded = Data(content.utf8).base64EncodedString()
            var start = encoded.startIndex
            while start < encoded.endIndex {
                let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
                lines.append(String(encoded[start..<end]))
                start = end
            }
        }
        lines.append("--" + boundary + "--")
        return lines.joined(separator: lineEnding) + lineEnding
    }

    /// `"Ana Lima" <ana@example.com>`, the name encoded when it is not plain ASCII.
    static func mailbox(_ name: String, _ address: String, fold: String = "\n ") -> String {
        let address = sanitized(address).filter { $0 != "<" && $0 != ">" && $0 != " " }
        let name = sanitized(name)
        if name.isEmpty { return "<\(address)>" }
        if name.unicodeScalars.allSatisfy({ $0.isASCII }) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        return "\(encodedWords(name, fold: fold)) <\(address)>"
    }

    /// Removes CR, LF and other control characters: the one rule that stops header injection.
    static func sanitized(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? " " : $0 }))
    }

    /// The value as is when it is short printable ASCII, else as RFC 2047 `=?UTF-8?B?...?=` words of at most 75
    /// characters, never splitting a character, folded with `fold`.
    static func encodedWords(_ value: String, fold: String = "\n ") -> String {
        let clean = sanitized(value)
        if clean.unicodeScalars.allSatisfy({ $0.isASCII }) && clean.utf8.count <= 900 { return clean }
        var words: [String] = []
        var chunk: [UInt8] = []
        // 45 bytes of UTF-8 become 60 characters of base64, plus 12 for the "=?UTF-8?B?" and "?=" wrapper.
        for character in clean {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk.removeAll()
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: fold)
    }

    /// `Sun, 22 Nov 2026 01:41:12 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.weekday, .year, .month, .day, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(
            format: "%@, %02d %@ %04d %02d:%02d:%02d +0000", days[parts.weekday! - 1], parts.day!,
            months[parts.month! - 1], parts.year!, parts.hour!, parts.minute!, parts.second!)
    }

    /// Splits a body line longer than RFC 5322's 998-byte limit at spaces (or hard, if it has none).
    static func wrapped(_ line: String) -> [String] {
        guard line.utf8.count > 900 else { return [line] }
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.utf8.count + word.utf8.count + 1 > 900 {
                lines.append(current)
                current = ""
            }
            current += current.isEmpty ? String(word) : " " + word
            while current.utf8.count > 900 {
                let head = String(current.prefix(300))
                lines.append(head)
                current = String(current.dropFirst(300))
            }
        }
        lines.append(current)
        return lines
    }
}
