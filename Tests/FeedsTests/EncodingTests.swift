import Testing

@testable import Feeds

@Suite struct EncodingTests {
    @Test func utf16WithBOM() throws {
        let feed = try Fixture.feed("utf16le-bom.xml")
        #expect(feed.title == "UTF-16 über")
        #expect(feed.posts.first?.title == "Grüße — 日本")
        #expect(feed.posts.first?.text == "😀 ok")
    }

    @Test func declaredISO88591() throws {
        #expect(try Fixture.feed("iso-8859-1.xml").posts.first?.title == "Café naïve ½")
    }

    @Test func declaredWindows1252() throws {
        #expect(try Fixture.feed("windows-1252.xml").posts.first?.title == "“Quoted” … €5")
    }

    @Test func charsetFromContentTypeWhenDocumentDeclaresNone() throws {
        let feed = try Fixture.feed("latin1-undeclared.xml", contentType: "application/rss+xml; charset=\"ISO-8859-1\"")
        #expect(feed.posts.first?.title == "Café")
    }

    @Test func contentTypeCharsetDoesNotOverrideTheDeclaration() throws {
        // The document says windows-1252; a wrong header must not win.
        let feed = try Fixture.feed("windows-1252.xml", contentType: "text/xml; charset=utf-8")
        #expect(feed.posts.first?.title == "“Quoted” … €5")
    }

    @Test func charsetParameterParsing() {
        #expect(ContentSniffer.charset(fromContentType: "text/xml; Charset=windows-1252") == "windows-1252")
        #expect(ContentSniffer.charset(fromContentType: "text/xml; charset=UTF-8") == nil)
        #expect(ContentSniffer.charset(fromContentType: "text/xml") == nil)
        #expect(ContentSniffer.charset(fromContentType: nil) == nil)
    }
}
