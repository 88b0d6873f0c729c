import Daemon
import Foundation
import Logging
import TestSupport

/// A whole Earshot installation for one test: a config folder, a state folder, Maildirs, and a real HTTP server
/// on loopback serving the feeds.
final class Scenario: Sendable {
    let folder: TemporaryDirectory
    let server: HTTPTestServer

    init() throws {
        folder = try TemporaryDirectory(prefix: "earshot-daemon")
        server = try HTTPTestServer()
    }

    deinit {
        server.stop()
        folder.remove()
    }

    var configPath: String { folder.path("earshot.toml") }

    /// One news source, the brand and invoice watches, and the team: for commands that only match.
    func writeBrandConfig() throws {
        try writeConfig(
            """
            [[source]]
            id = "news"
            url = "https://example.com/feed.xml"

            \(brandWatches)

            \(team())
            """)
    }

    /// Writes the main config; `body` holds the `[[source]]`, `[[watch]]`, `[[ambassador]]` and `[[channel]]`
    /// tables, `daemon` extra `[daemon]` keys.
    func writeConfig(_ body: String, daemon: String = "", interval: String = "1h", fallback: String = "comms") throws {
        let text = """
            [daemon]
            state_dir = "state"
            poll_interval = "\(interval)"
            concurrency = 4
            \(daemon)

            [routing]
            fallback = "\(fallback)"

            \(body)
            """
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func daemon() -> Daemon {
        Daemon(configPath: configPath, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// Messages delivered into `maildir/<name>/new`, oldest first by name.
    func messages(_ name: String) -> [String] {
        let new = folder.path("maildir/\(name)/new")
        // Delivery order: by time in the name, then by the process's own sequence number (Q<n>).
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: new)) ?? []).sorted { left, right in
            let (a, b) = (Self.order(left), Self.order(right))
            return a.time != b.time ? a.time < b.time : a.sequence < b.sequence
        }
        return names.compactMap { try? String(contentsOfFile: new + "/" + $0, encoding: .utf8) }
    }

    /// `seconds.M<micros>P<pid>Q<n>.host` -> (seconds.micros, n).
    static func order(_ name: String) -> (time: Double, sequence: Int) {
        let parts = name.split(separator: ".")
        let seconds = Double(parts.first ?? "") ?? 0
        let rest = parts.count > 1 ? parts[1] : ""
        let micros = Double(rest.dropFirst().prefix { $0.isNumber }) ?? 0
        let sequence = rest.split(separator: "Q").last.flatMap { Int($0) } ?? 0
        return (seconds + micros / 1e6, sequence)
    }

    /// Serves `items` as an RSS 2.0 feed at `path`, answering 304 to a matching `If-None-Match`.
    func serveRSS(_ path: String, items: [(id: String, title: String, text: String)], etag: String? = nil) {
        let itemsXML = items.map { item in
            """
            <item><guid>\(item.id)</guid><title>\(item.title)</title>
            <link>\(server.baseURL)/posts/\(item.id)</link><description>\(item.text)</description>
            <pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate></item>
            """
        }.joined(separator: "\n")
        let body = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Test feed</title><link>\(server.baseURL)</link>
            \(itemsXML)
            </channel></rss>
            """
        server.route(path) { request in
            if let etag, request.header("If-None-Match") == etag { return .notModified }
            var response = HTTPTestResponse.ok(body: body, contentType: "application/rss+xml")
            if let etag { response = response.header("ETag", etag) }
            return response
        }
    }
}

/// Standard ambassador and channel tables: `ana` (cloud; `anaDigest` her digest schedule), `ben` (billing),
/// fallback `comms`.
func team(anaCapacity: Int = 20, anaDigest: String = "immediate", comms: String = "comms-box") -> String {
    """
    [[ambassador]]
    id = "ana"
    name = "Ana Lima"
    email = "ana@example.com"
    expertise = ["cloud"]
    capacity = \(anaCapacity)
    digest = "\(anaDigest)"
    channels = ["ana-box"]

    [[ambassador]]
    id = "ben"
    name = "Ben Okafor"
    email = "ben@example.com"
    expertise = ["billing"]
    channels = ["ben-box"]

    [[ambassador]]
    id = "comms"
    name = "Comms Team"
    email = "comms@example.com"
    expertise = []
    channels = ["\(comms)"]

    [[channel]]
    id = "ana-box"
    kind = "maildir"
    path = "maildir/ana"

    [[channel]]
    id = "ben-box"
    kind = "maildir"
    path = "maildir/ben"

    [[channel]]
    id = "comms-box"
    kind = "maildir"
    path = "maildir/comms"
    """
}

let brandWatches = """
    [[watch]]
    id = "brand"
    any = ["Acme Cloud", "#acme"]
    none = ["hiring"]
    tags = ["cloud"]

    [[watch]]
    id = "invoices"
    all = ["acme", "invoice"]
    tags = ["billing"]
    """
