import EarshotCore
import Foundation
import TestSupport
import Testing

@testable import Delivery

@Suite struct DigestRendererTests {
    typealias V = DeliveryTestValues

    @Test func theBuiltInTemplatesAreTheShippedFiles() throws {
        for (name, source) in DigestTemplates.files {
            let shipped = try Fixtures.string("../../Config/templates/\(name)")
            #expect(shipped == source, "Config/templates/\(name) differs from the built-in template")
        }
    }

    @Test func textDigestListsEveryMention() {
        let renderer = DigestRenderer()
        let digest = V.digest([V.item("1"), V.item("2", reason: "overflow", watch: "rivals")])
        #expect(renderer.subject(for: digest) == "[Earshot] 2 mentions: brand, rivals")
        let text = renderer.plainText(for: digest)
        #expect(
            text.hasPrefix("Hello Ana Lima,\n\n2 new mentions for you (brand 1, rivals 1).\n\n1. [brand] Acme Cloud"))
        #expect(text.contains("   https://example.com/1\n   source: news · by Jo · 2026-11-18 "))
        #expect(text.contains("   matched: Acme Cloud\n   \"Acme Cloud launched\"\n"))
        #expect(text.contains("2. [rivals] Acme Cloud launches"))
        #expect(text.contains("(sent to you because everyone whose expertise fits was at capacity)"))
        #expect(text.hasSuffix("\n-- \nEarshot · your expertise: cloud\n"))
        #expect(!text.contains("{{") && !text.contains("CONTENT_TYPE"))
    }

    @Test func feedContentIsEscapedInHTMLAndOnlyWebLinksBecomeLinks() {
        let html = DigestRenderer().html(for: V.digest([V.hostile, V.item("ok")]))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>bold"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Acme &amp; &quot;Cloud&quot;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!html.contains("javascript:alert(1)\""))
        #expect(!html.contains("href=\"javascript"))
        #expect(html.contains("<a href=\"https://example.com/ok\">Acme Cloud launches</a>"))
        #expect(!html.contains("\r"))
    }

    @Test func opsCanOverrideOneTemplateAndKeepTheOthers() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try "{{% CONTENT_TYPE: TEXT}}\nHi {{name}}: {{count}} for you\n{{#items}}* {{title}}\n{{/items}}".write(
            toFile: folder.path("digest.text.mustache"), atomically: true, encoding: .utf8)
        let renderer = DigestRenderer(templates: try DigestTemplates.load(folder: folder.path))
        let digest = V.digest([V.item("1")])
        #expect(renderer.plainText(for: digest) == "Hi Ana Lima: 1 for you\n* Acme Cloud launches\n")
        #expect(renderer.subject(for: digest) == "[Earshot] 1 mention: brand")
        try "{{#items}".write(toFile: folder.path("digest.html.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: TemplateError.self) { try DigestTemplates.load(folder: folder.path) }
        #expect(throws: TemplateError.self) { try DigestTemplates.load(folder: folder.path("missing")) }
    }

    @Test func multipartMessagesCarryBothPartsAndNoInjectedHeaders() {
        let channel = SMTPChannel(
            id: "mail", url: "smtp://127.0.0.1:1", sender: ("Earshot", "earshot@example.org"))
        let message = channel.message(for: V.digest([V.hostile]))
        let text = String(decoding: message.rendered(lineEnding: "\r\n"), as: UTF8.self)
        let head = String(text[..<text.range(of: "\r\n\r\n")!.lowerBound])
        #expect(head.contains("Content-Type: multipart/alternative; boundary="))
        #expect(head.contains("Message-ID: <d1.ana@example.org>"))
        #expect(!head.split(separator: "\r\n").contains { $0.hasPrefix("Bcc") })
        #expect(text.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64"))
        #expect(text.contains("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64"))
        #expect(text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 998 && $0.utf8.allSatisfy { $0 < 0x80 } })
        // The same digest gives the same Message-ID.
        #expect(channel.message(for: V.digest([V.hostile])).messageID == message.messageID)
    }
}
