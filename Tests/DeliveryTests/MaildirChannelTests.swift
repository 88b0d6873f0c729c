import EarshotCore
import Foundation
import Testing

@testable import Delivery

private func item(
    _ id: String, watch: String = "brand", title: String = "Acme Cloud launches", reason: String = "expertise"
) -> Digest.Item {
    let post = Post(
        source: "vendor-blog", id: id, url: "https://example.com/\(id)", title: title,
        text: "Today Acme Cloud launched a thing.", author: "Jo", published: Date(timeIntervalSince1970: 1_795_000_000))
    return Digest.Item(
        mention: Mention(
            post: post, watch: watch, terms: ["Acme Cloud"], tags: ["cloud"], snippet: "Today Acme Cloud launched"),
        reason: reason)
}

private let ana = Recipient(id: "ana", name: "Ana Lima", email: "ana@example.com", expertise: ["cloud"])

private func withMaildir(_ body: (String) async throws -> Void) async throws {
    let folder = NSTemporaryDirectory() + "earshot-maildir-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try await body(folder + "/Maildir")
}

private func messages(in maildir: String) throws -> [String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: maildir + "/new").sorted()
    return try names.map { try String(contentsOfFile: maildir + "/new/" + $0, encoding: .utf8) }
}

@Test func aDigestBecomesOneMessageInNew() async throws {
    try await withMaildir { maildir in
        let channel = MaildirChannel(id: "inbox", path: maildir, sender: ("Earshot", "earshot@test"))
        let digest = Digest(
            id: Digest.id(outboxIDs: [1, 2, 3]), recipient: ana,
            items: [item("1"), item("2", watch: "competitors", reason: "overflow"), item("3")],
            createdAt: Date(timeIntervalSince1970: 1_795_000_100))
        try await channel.deliver(digest)
        let all = try messages(in: maildir)
        #expect(all.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/tmp").isEmpty)
        #expect(FileManager.default.fileExists(atPath: maildir + "/cur"))
        let message = try #require(all.first)
        let (head, body) = try #require(split(message))
        #expect(head.contains("To: \"Ana Lima\" <ana@example.com>"))
        #expect(head.contains("From: \"Earshot\" <earshot@test>"))
        #expect(head.contains("Subject: [Earshot] 3 mentions: brand, competitors"))
        #expect(head.contains("Date: Wed, 18 Nov 2026 11:08:20 +0000"))
        #expect(head.contains("Message-ID: <\(digest.id).ana@earshot>"))
        #expect(head.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(body.contains("1. [brand] Acme Cloud launches"))
        #expect(body.contains("   https://example.com/2"))
        #expect(body.contains("source: vendor-blog · by Jo · 2026-11-18"))
        #expect(body.contains("matched: Acme Cloud"))
        #expect(body.contains("\"Today Acme Cloud launched\""))
        #expect(body.contains("because everyone whose expertise fits was at capacity"))
        #expect(body.contains("3 new mentions for you (brand 2, competitors 1)."))
    }
}

@Test func feedContentCannotInjectHeaders() async throws {
    try await withMaildir { maildir in
        let channel = MaildirChannel(id: "inbox", path: maildir)
        let evil = Recipient(id: "ana", name: "Ana\r\nBcc: victim@example.com", email: "ana@example.com\nX-Evil: 1")
        let digest = Digest(
            id: "x", recipient: evil, items: [item("1", watch: "brand\nX-Injected: yes", title: "Hi\r\nBcc: a@b.c")],
            createdAt: Date())
        try await channel.deliver(digest)
        let message = try #require(try messages(in: maildir).first)
        let (head, body) = try #require(split(message))
        let headerNames = head.split(separator: "\n").compactMap { $0.split(separator: ":").first.map(String.init) }
        #expect(!headerNames.contains("Bcc"))
        #expect(!headerNames.contains("X-Evil"))
        #expect(!headerNames.contains("X-Injected"))
        #expect(!body.split(separator: "\n").contains { $0.hasPrefix("Bcc:") })
    }
}

@Test func nonASCIISubjectsAndNamesAreEncodedWords() {
    let encoded = MailMessage.encodedWords("Menções: Café ☕ " + String(repeating: "ü", count: 40))
    #expect(encoded.hasPrefix("=?UTF-8?B?"))
    let words = encoded.split(separator: "\n ")
    #expect(words.count > 1)
    #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
    let decoded = words.map { word -> String in
        let base64 = word.dropFirst(10).dropLast(2)
        return String(decoding: Data(base64Encoded: String(base64))!, as: UTF8.self)
    }.joined()
    #expect(decoded == "Menções: Café ☕ " + String(repeating: "ü", count: 40))
    #expect(MailMessage.mailbox("José", "jo@example.com").hasSuffix(" <jo@example.com>"))
    #expect(MailMessage.mailbox("Jo \"JJ\" Smith", "jo@example.com") == "\"Jo \\\"JJ\\\" Smith\" <jo@example.com>")
}

@Test func longBodyLinesAreWrappedBelowTheRFCLimit() {
    let line = String(repeating: "word ", count: 600)
    let message = MailMessage(
        from: ("E", "e@x"), to: ("A", "a@x"), subject: "s", date: Date(), messageID: "m", body: line + "\n")
    let text = String(decoding: message.rendered(lineEnding: "\r\n"), as: UTF8.self)
    let lines = text.components(separatedBy: "\r\n")
    #expect(lines.allSatisfy { $0.utf8.count <= 998 })
    #expect(lines.filter { $0.hasPrefix("word") }.count >= 3)
}

@Test func eachDeliveryGetsItsOwnFile() async throws {
    try await withMaildir { maildir in
        let channel = MaildirChannel(id: "inbox", path: maildir)
        for index in 0..<5 {
            try await channel.deliver(
                Digest(id: "\(index)", recipient: ana, items: [item("\(index)")], createdAt: Date()))
        }
        #expect(try messages(in: maildir).count == 5)
    }
}

@Test func anUnwritableMaildirIsATransientErrorNamingThePath() async {
    let channel = MaildirChannel(id: "inbox", path: "/proc/earshot-no/Maildir")
    await #expect {
        try await channel.deliver(Digest(id: "1", recipient: ana, items: [item("1")], createdAt: Date()))
    } throws: { error in
        guard let error = error as? DeliveryError else { return false }
        return error.transient && error.channel == "inbox" && error.recipient == "ana"
            && error.message.contains("/proc/earshot-no/Maildir")
    }
}

@Test func digestIDsAreStableForTheSameRows() {
    #expect(Digest.id(outboxIDs: [3, 1, 2]) == Digest.id(outboxIDs: [1, 2, 3]))
    #expect(Digest.id(outboxIDs: [1, 2]) != Digest.id(outboxIDs: [1, 2, 3]))
}

private func split(_ message: String) -> (String, String)? {
    guard let range = message.range(of: "\n\n") else { return nil }
    return (String(message[..<range.lowerBound]), String(message[range.upperBound...]))
}
