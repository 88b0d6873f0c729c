import Foundation
import TestSupport
import Testing

@testable import Delivery

/// A real SMTP server (Python's aiosmtpd, `Tests/Fixtures/Delivery/smtp_recorder.py`) on a free loopback port,
/// recording each accepted message as JSON decoded by Python's own email package.
final class SMTPRecorder: Sendable {
    let folder: TemporaryDirectory
    let process: Process
    let input: Pipe
    let port: Int

    /// `tls`: `"starttls"` (offered, and required before mail) or `"implicit"` (TLS from the first byte, as for
    /// `smtps://`), with the test certificate in `Tests/Fixtures/Delivery/tls` (see ``caFile``).
    init(reply: String? = nil, replies: Int = 0, tls: String? = nil) async throws {
        folder = try TemporaryDirectory(prefix: "earshot-smtp")
        process = Process()
        input = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", Fixtures.path("Delivery/smtp_recorder.py"), "--dir", folder.path]
        if let reply { arguments += ["--reply", reply, "--replies", "\(replies)"] }
        if let tls { arguments += ["--tls", tls] }
        process.arguments = arguments
        process.standardInput = input
        try process.run()
        let deadline = ContinuousClock.now + .seconds(20)
        var port = 0
        while port == 0 {
            if let text = try? String(contentsOfFile: folder.path("port"), encoding: .utf8), let value = Int(text) {
                port = value
            } else if !process.isRunning || ContinuousClock.now > deadline {
                throw SMTPRecorderError(message: "the SMTP test server did not start (is aiosmtpd installed?)")
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        self.port = port
    }

    var url: String { "smtp://127.0.0.1:\(port)" }

    /// The test CA that signed the TLS server's certificate (for 127.0.0.1 and localhost).
    static var caFile: String { Fixtures.path("Delivery/tls/ca.pem") }

    /// The recorded messages, oldest first.
    func messages() throws -> [[String: Any]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        return try names.sorted().map { name in
            let data = try Data(contentsOf: folder.url(name))
            return try JSONSerialization.jsonObject(with: data) as! [String: Any]
        }
    }

    /// Closes the server's standard input, which stops it (signals may be blocked in children of the test
    /// runner), and kills it if it is still there after 5 seconds.
    func stop() {
        try? input.fileHandleForWriting.close()
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        folder.remove()
    }
}

struct SMTPRecorderError: Error {
    var message: String
}

@Suite(.serialized) struct SMTPChannelTests {
    typealias V = DeliveryTestValues

    @Test func aRealServerReceivesBothPartsWithEscapedHTMLAndCleanHeaders() async throws {
        let server = try await SMTPRecorder()
        defer { server.stop() }
        let channel = SMTPChannel(
            id: "mail", url: server.url, requireTLS: false, sender: ("Earshot Bot", "earshot@example.org"))
        let digest = Digest(
            id: "d42", recipient: Recipient(id: "joao", name: "João Brandão", email: "joao@example.com"),
            items: [V.item("1", title: "Ação da Acme Cloud"), V.hostile],
            createdAt: Date(timeIntervalSince1970: 1_795_000_100))
        try await channel.deliver(digest)

        let message = try #require(try server.messages().first)
        #expect(message["mail_from"] as? String == "earshot@example.org")
        #expect(message["rcpt_tos"] as? [String] == ["joao@example.com"])
        #expect(message["tls"] as? Bool == false)  // plain SMTP, as `requireTLS: false` allows
        #expect(message["content_type"] as? String == "multipart/alternative")
        #expect(message["subject"] as? String == "[Earshot] 2 mentions: brand")
        let headers = try #require(message["headers"] as? [[String]])
        let names = headers.map { $0[0] }
        #expect(!names.contains("Bcc"))
        for name in ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version"] {
            #expect(names.filter { $0 == name }.count == 1, "\(name)")
        }
        let value = { (name: String) in headers.first { $0[0] == name }?[1] }
        #expect(value("Message-ID") == "<d42.joao@example.org>")
        #expect(value("Date") == "Wed, 18 Nov 2026 11:08:20 +0000")
        #expect(value("To")?.contains("=?UTF-8?B?") == true)
        let text = try #require(message["text"] as? String)
        #expect(text.contains("1. [brand] Ação da Acme Cloud"))
        #expect(text.contains("Hello João Brandão,"))
        let html = try #require(message["html"] as? String)
        #expect(html.contains("Ação da Acme Cloud</a>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("href=\"javascript"))
    }

    @Test func a4xxReplyIsTransientAndA5xxIsPermanent() async throws {
        for (code, transient) in [("451", true), ("550", false)] {
            let server = try await SMTPRecorder(reply: code)
            defer { server.stop() }
            let channel = SMTPChannel(
                id: "mail", url: server.url, requireTLS: false, sender: ("Earshot", "earshot@example.org"))
            await #expect {
                try await channel.deliver(V.digest([V.item("1")]))
            } throws: { error in
                guard let error = error as? DeliveryError else { return false }
                return error.transient == transient && error.message.contains(code)
            }
            #expect(try server.messages().isEmpty)
        }
    }

    @Test func starttlsUpgradesTheSessionBeforeTheMessage() async throws {
        let server = try await SMTPRecorder(tls: "starttls")
        defer { server.stop() }
        let channel = SMTPChannel(
            id: "mail", url: server.url, caFile: SMTPRecorder.caFile, sender: ("Earshot", "earshot@example.org"))
        try await channel.deliver(V.digest([V.item("1")]))
        let messages = try server.messages()
        #expect(messages.count == 1)
        #expect(messages.first?["tls"] as? Bool == true)
        #expect((messages.first?["rcpt_tos"] as? [String]) == ["ana@example.com"])
    }

    @Test func smtpsSpeaksTLSFromTheStart() async throws {
        let server = try await SMTPRecorder(tls: "implicit")
        defer { server.stop() }
        let channel = SMTPChannel(
            id: "mail", url: "smtps://127.0.0.1:\(server.port)", caFile: SMTPRecorder.caFile,
            sender: ("Earshot", "earshot@example.org"))
        try await channel.deliver(V.digest([V.item("1")]))
        #expect(try server.messages().first?["tls"] as? Bool == true)
    }

    @Test func aCertificateNoTrustedAuthoritySignedIsRefused() async throws {
        let server = try await SMTPRecorder(tls: "implicit")
        defer { server.stop() }
        // The system's authorities did not sign the test certificate.
        let channel = SMTPChannel(
            id: "mail", url: "smtps://127.0.0.1:\(server.port)", sender: ("Earshot", "earshot@example.org"))
        await #expect {
            try await channel.deliver(V.digest([V.item("1")]))
        } throws: { error in
            guard let error = error as? DeliveryError else { return false }
            return error.message.contains("TLS") && error.message.contains("smtps://127.0.0.1")
        }
        #expect(try server.messages().isEmpty)
    }

    @Test func starttlsIsRequiredByDefault() async throws {
        let server = try await SMTPRecorder()
        defer { server.stop() }
        let channel = SMTPChannel(id: "mail", url: server.url, sender: ("Earshot", "earshot@example.org"))
        await #expect(throws: DeliveryError.self) { try await channel.deliver(V.digest([V.item("1")])) }
        #expect(try server.messages().isEmpty)
    }
}
