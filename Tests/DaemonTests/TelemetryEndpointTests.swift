import Curl
import Foundation
import TestSupport
import Testing

/// `[daemon] listen`: the real daemon serves Prometheus metrics and a health check over HTTP.
@Suite struct TelemetryEndpointTests {
    @Test func metricsAndHealthAreServed() async throws {
        let scenario = try Scenario()
        scenario.serveRSS("/news.xml", items: [("n1", "Acme Cloud one", "Acme Cloud.")])
        scenario.server.route("/broken.xml", response: .status(500))
        try scenario.writeConfig(
            """
            [[source]]
            id = "news"
            url = "\(scenario.server.url("/news.xml"))"

            [[source]]
            id = "broken"
            url = "\(scenario.server.url("/broken.xml"))"

            \(brandWatches)
            \(team())
            """,
            daemon: "listen = \"127.0.0.1:0\"")
        let daemon = try EarshotProcess(["run", "--config", scenario.configPath], folder: scenario.folder.path)
        defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
        var port: Int?
        #expect(
            await eventually {
                port = daemon.stderr.split(separator: "\n").first { $0.contains("serving /metrics") }
                    .flatMap { $0.split(separator: ":").last }.flatMap { Int($0) }
                return port != nil && scenario.messages("ana").count == 1
            }, "\(daemon.stderr)")
        let base = "http://127.0.0.1:\(try #require(port))"
        daemon.signal(SIGHUP)
        #expect(await eventually { daemon.stderr.contains("config reloaded") })

        let engine = CurlEngine()
        defer { engine.shutdown() }
        let health = try await engine.fetch(HTTPRequest(url: base + "/healthz"))
        #expect(health.status == 200)
        #expect(String(decoding: health.body, as: UTF8.self).hasPrefix("ok: last cycle finished"))

        let scrape = try await engine.fetch(HTTPRequest(url: base + "/metrics"))
        #expect(scrape.status == 200)
        #expect(scrape.contentType?.hasPrefix("text/plain") == true)
        let samples = PrometheusText.parse(String(decoding: scrape.body, as: UTF8.self))
        #expect(samples[#"earshot_fetches_total{outcome="fetched"}"#] ?? 0 >= 1)
        #expect(samples[#"earshot_fetches_total{outcome="failed"}"#] ?? 0 >= 1)
        #expect(samples[#"earshot_source_up{source="news"}"#] == 1)
        #expect(samples[#"earshot_source_up{source="broken"}"#] == 0)
        #expect(samples[#"earshot_mentions_total{watch="brand"}"#] == 1)
        #expect(samples["earshot_posts_new_total"] == 1)
        #expect(samples["earshot_outbox_pending"] == 0)
        #expect(samples[#"earshot_config_reloads_total{outcome="ok"}"#] == 1)
        #expect(samples.keys.contains { $0.hasPrefix("earshot_fetch_duration_seconds_bucket{") })
        #expect(samples["earshot_fetch_duration_seconds_count"] ?? 0 >= 1)

        let missing = try await engine.fetch(HTTPRequest(url: base + "/nothing"))
        #expect(missing.status == 404)
        daemon.signal(SIGTERM)
        #expect(await daemon.exitStatus(within: .seconds(10)) == 0)
    }
}

/// Reads the Prometheus text format into `name{labels}` -> value (labels as written, sorted by the server).
enum PrometheusText {
    static func parse(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
