import EarshotCore
import Foundation
import Testing

@testable import Feeds

@Suite struct PostJSONLinesTests {
    @Test func encodesTheDocumentedShape() {
        let post = Post(
            source: "vendor-blog", id: "tag:1", url: "https://x.example/1", title: "Hi \"there\"",
            text: "line1\nline2\t\\ \u{01} é 😀", author: nil, published: Date(timeIntervalSince1970: 1_795_309_323.9))
        #expect(
            post.jsonLine
                == #"{"source":"vendor-blog","id":"tag:1","url":"https://x.example/1","title":"Hi \"there\"","#
                + #""text":"line1\nline2\t\\ \u0001 é 😀","author":null,"published":"2026-11-22T01:02:03Z"}"#
                + "\n")
    }

    @Test func nullsAndLang() {
        let post = Post(source: "s", id: "i", lang: "pt-BR")
        #expect(
            post.jsonLine
                == #"{"source":"s","id":"i","url":null,"title":"","text":"","author":null,"published":null,"lang":"pt-BR"}"#
                + "\n")
    }

    @Test func appendsToABuffer() {
        var buffer: [UInt8] = Array("x".utf8)
        Post(source: "a", id: "1").appendJSONLine(to: &buffer)
        Post(source: "b", id: "2").appendJSONLine(to: &buffer)
        let lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("x{\"source\":\"a\""))
    }

    @Test func encodedLinesAreValidJSONForEveryControlCharacter() throws {
        let text = String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) })
        let post = Post(source: "s", id: "i", text: text)
        let object = try JSONSerialization.jsonObject(with: Data(post.jsonLine.utf8)) as? [String: Any]
        #expect(object?["text"] as? String == text)
    }

    @Test func roundTripsEveryFixturePost() throws {
        for name in ["rss2.xml", "atom.xml", "rdf.xml", "jsonfeed-1.1.json", "utf16le-bom.xml"] {
            for post in try Fixture.feed(name).posts {
                var decoded = try Post(jsonLine: post.jsonLine)
                // The line keeps whole seconds.
                if let published = post.published {
                    #expect(
                        decoded.published == Date(timeIntervalSince1970: published.timeIntervalSince1970.rounded(.down))
                    )
                    decoded.published = post.published
                }
                #expect(decoded == post)
            }
        }
    }

    @Test func decodesMissingKeysAndOffsets() throws {
        let post = try Post(jsonLine: #"{"id":"x","published":"2026-11-22T03:02:03.5+02:00","extra":1}"#)
        #expect(post.id == "x")
        #expect(post.source == "")
        #expect(post.url == nil)
        #expect(post.title == "")
        #expect(post.published == Date(timeIntervalSince1970: 1_795_309_323.5))
        #expect(post.lang == nil)
    }

    @Test func rejectsBadLines() {
        #expect(throws: PostJSONLineError.self) { try Post(jsonLine: #"{"source":"s"}"#) }
        #expect(throws: PostJSONLineError.self) { try Post(jsonLine: "not json") }
        #expect(throws: PostJSONLineError.self) { try Post(jsonLine: "[1]") }
        #expect(throws: PostJSONLineError.self) { try Post(jsonLine: #"{"id":5}"#) }
        #expect(throws: PostJSONLineError.self) { try Post(jsonLine: #"{"id":"x","published":"yesterday"}"#) }
    }
}
