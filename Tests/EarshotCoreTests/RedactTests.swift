import Testing

@testable import EarshotCore

@Test(arguments: [
    ("https://example.com/feed.xml", "https://example.com/feed.xml"),
    ("https://bob:hunter2@example.com/feed", "https://bob:***@example.com/feed"),
    ("https://bob@example.com/feed", "https://bob@example.com/feed"),
    ("https://api.example.com/v1?api_key=abc123&page=2", "https://api.example.com/v1?api_key=***&page=2"),
    ("https://x.example/s?q=acme&access_token=t0k#frag", "https://x.example/s?q=acme&access_token=***#frag"),
    ("https://x.example/s?Signature=zz&X-Amz-Credential=cc", "https://x.example/s?Signature=***&X-Amz-Credential=***"),
    ("https://x.example/s?q=a=b&flag", "https://x.example/s?q=a=b&flag"),
    ("not a url", "not a url"),
])
func urlsLoseTheirSecrets(input: String, expected: String) {
    #expect(Redact.url(input) == expected)
}

@Test func urlsInsideMessagesAreRedacted() {
    let message = "https://u:pw@feeds.example/x?token=s3cret: HTTP 404, see http://other.example/?key=k."
    #expect(
        Redact.text(message) == "https://u:***@feeds.example/x?token=***: HTTP 404, see http://other.example/?key=***.")
    #expect(Redact.text("no links here") == "no links here")
    #expect(Redact.text("got \"ftp://bob:pw@host/x?token=t\"") == "got \"ftp://bob:***@host/x?token=***\"")
}
