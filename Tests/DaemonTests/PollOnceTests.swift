import Daemon
import Foundation
import Store
import TestSupport
import Testing

@Suite struct PollOnceTests {
    @Test func aFullCycleEndsInMaildirDigestsWithEveryMention() async throws {
        let scenario = try Scenario()
        scenario.serveRSS(
            "/news.xml",
            items: [
                ("n1", "Acme Cloud goes down in Europe", "Customers of Acme   Cloud saw errors for two hours."),
                ("n2", "Weather report", "Sunny, with a chance of #acme"),
                ("n3", "Acme Cloud is hiring", "Join Acme Cloud: we are hiring engineers."),
                ("n4", "Unrelated", "Nothing to see here."),
            ])
        scenario.serveRSS(
            "/billing.xml", items: [("b1", "Your ACME invoice", "The acme invoice for November is late.")])
        try scenario.writeConfig(
            """
            [[source]]
            id = "news"
            url = "\(scenario.server.url("/news.xml"))"

            [[source]]
            id = "billing"
            url = "\(scenario.server.url("/billing.xml"))"

            \(brandWatches)

            \(team())
            """)

        let (report, delivery) = try #require(await scenario.daemon().pollOnce())
        #expect(report.sources == 2 && report.fetched == 2 && report.failed == 0)
        #expect(report.posts == 5 && report.newPosts == 5)
        #expect(report.mentions == 3)
        #expect(delivery.digests == 2 && delivery.delivered == 3)

        let ana = scenario.messages("ana")
        #expect(ana.count == 1)
        let message = try #require(ana.first)
        #expect(message.contains("To: \"Ana Lima\" <ana@example.com>"))
        #expect(message.contains("Subject: [Earshot] 2 mentions: brand"))
        #expect(message.contains("[brand] Acme Cloud goes down in Europe"))
        #expect(message.contains(scenario.server.url("/posts/n1")))
        #expect(message.contains("[brand] Weather report"))
        #expect(message.contains("matched: #acme"))
        #expect(message.contains("source: news"))
        #expect(!message.contains("hiring"))

        let ben = try #require(scenario.messages("ben").first)
        #expect(ben.contains("Subject: [Earshot] 1 mention: invoices"))
        #expect(ben.contains("matched: acme, invoice"))
        #expect(scenario.messages("comms").isEmpty)
    }

    @Test func theSecondCycleUsesConditionalGetAndDeliversNothingNew() async throws {
        let scenario = try Scenario()
        scenario.serveRSS("/news.xml", items: [("n1", "Acme Cloud news", "About Acme Cloud.")], etag: "\"v1\"")
        try scenario.writeConfig(
            """
            [[source]]
            id = "news"
            url = "\(scenario.server.url("/news.xml"))"

            \(brandWatches)

            \(team())
            """)
        let first = try #require(await scenario.daemon().pollOnce())
        #expect(first.0.fetched == 1 && first.0.mentions == 1)
        let second = try #require(await scenario.daemon().pollOnce())
        #expect(second.0.notModified == 1 && second.0.fetched == 0 && second.0.posts == 0)
        #expect(second.1.digests == 0)
        let requests = scenario.server.requests(path: "/news.xml")
        #expect(requests.count == 2)
        #expect(requests.first?.header("If-None-Match") == nil)
        #expect(requests.last?.header("If-None-Match") == "\"v1\"")
        #expect(scenario.messages("ana").count == 1)
    }

    @Test func postsAreDedupedAcrossRestartsEvenWithoutValidators() async throws {
        let scenario = try Scenario()
        scenario.serveRSS("/news.xml", items: [("n1", "Acme Cloud one", "Acme Cloud.")])
        try scenario.writeConfig(
            """
            [[source]]
            id = "news"
            url = "\(scenario.server.url("/news.xml"))"

            \(brandWatches)

            \(team())
            """)
        #expect(try #require(await scenario.daemon().pollOnce()).0.newPosts == 1)
        #expect(try #require(await scenario.daemon().pollOnce()).0.newPosts == 0)
        scenario.serveRSS(
            "/news.xml",
            items: [("n2", "Acme Cloud two", "Acme Cloud again."), ("n1", "Acme Cloud one", "Acme Cloud.")])
        let third = try #require(await scenario.daemon().pollOnce())
        #expect(third.0.posts == 2 && third.0.newPosts == 1 && third.0.mentions == 1)
        let messages = scenario.messages("ana")
        #expect(messages.count == 2)
        #expect(messages.last?.contains("Acme Cloud two") == true)
        #expect(messages.last?.contains("Acme Cloud one") == false)
    }

    @Test func failingAndHugeSourcesDoNotStopTheGoodOnes() async throws {
        let scenario = try Scenario()
        scenario.serveRSS("/good.xml", items: [("g1", "Acme Cloud wins", "Acme Cloud wins an award.")])
        scenario.server.route("/missing.xml", response: .status(404))
        scenario.server.route(
            "/garbage", response: .ok(body: [0x00, 0xFF, 0x13, 0x37], contentType: "application/xml"))
        scenario.server.route(
            "/huge.xml", response: .ok(body: [UInt8](repeating: UInt8(ascii: " "), count: 300_000)).chunkedEncoding())
        let refused = try HTTPTestServer()
        let refusedURL = refused.url("/feed.xml")
        refused.stop()
        try scenario.writeConfig(
            """
            [[source]]
            id = "good"
            url = "\(scenario.server.url("/good.xml"))"

            [[source]]
            id = "missing"
            url = "\(scenario.server.url("/missing.xml"))"

            [[source]]
            id = "garbage"
            url = "\(scenario.server.url("/garbage"))"

            [[source]]
            id = "huge"
            url = "\(scenario.server.url("/huge.xml"))"

            [[source]]
            id = "refused"
            url = "\(refusedURL)"

            \(brandWatches)

            \(team())
            """,
            daemon: "max_body = \"100KB\"")
        let (report, delivery) = try #require(await scenario.daemon().pollOnce())
        #expect(report.fetched == 1 && report.failed == 4)
        #expect(report.mentions == 1 && delivery.delivered == 1)
        #expect(scenario.messages("ana").count == 1)

        let store = try Store(path: scenario.folder.path("state/earshot.sqlite"))
        let states = try store.sourceStates()
        #expect(states["good"]?.lastError == nil && states["good"]?.consecutiveFailures == 0)
        let missing = try #require(states["missing"]?.lastError)
        #expect(missing.contains("HTTP 404") && missing.contains("/missing.xml"))
        #expect(try #require(states["garbage"]?.lastError).contains("not a feed"))
        #expect(try #require(states["huge"]?.lastError).contains("max_body"))
        #expect(try #require(states["refused"]?.lastError).contains(refusedURL))
        #expect(states["refused"]?.lastErrorAt != nil)
    }

    @Test func overflowBeyondCapacityGoesToTheFallbackAndIsNeverDropped() async throws {
        let scenario = try Scenario()
        scenario.serveRSS(
            "/news.xml", items: (1...5).map { ("n\($0)", "Acme Cloud story \($0)", "More on Acme Cloud.") })
        try scenario.writeConfig(
            """
            [[source]]
            id = "news"
            url = "\(scenario.server.url("/news.xml"))"

            \(brandWatches)

            \(team(anaCapacity: 2))
            """)
        let (report, delivery) = try #require(await scenario.daemon().pollOnce())
        #expect(report.mentions == 5 && report.overflow == 3)
        #expect(delivery.delivered == 5)
        let ana = try #require(scenario.messages("ana").first)
        #expect(ana.contains("Subject: [Earshot] 2 mentions: brand"))
        let comms = try #require(scenario.messages("comms").first)
        #expect(comms.contains("Subject: [Earshot] 3 mentions: brand"))
        #expect(comms.contains("everyone whose expertise fits was at capacity"))

        // Capacity is a rolling 24 hours: the next cycle still finds ana full.
        scenario.serveRSS("/news.xml", items: [("n6", "Acme Cloud story 6", "Acme Cloud.")])
        let (next, _) = try #require(await scenario.daemon().pollOnce())
        #expect(next.overflow == 1)
        #expect(scenario.messages("ana").count == 1 && scenario.messages("comms").count == 2)
    }

    @Test func aFailingChannelKeepsItsMentionsPendingWhileOthersDeliver() async throws {
        let scenario = try Scenario()
        scenario.serveRSS(
            "/news.xml",
            items: [("n1", "Acme Cloud news", "Acme Cloud."), ("n2", "acme invoice", "An acme invoice.")])
        // ben's Maildir cannot be created: a regular file sits where its folder should be.
        try "not a folder".write(toFile: scenario.folder.path("maildir-blocker"), atomically: true, encoding: .utf8)
        try scenario.writeConfig(
            """
            [[source]]
            id = "news"
            url = "\(scenario.server.url("/news.xml"))"

            \(brandWatches)

            \(team().replacingOccurrences(of: "path = \"maildir/ben\"", with: "path = \"maildir-blocker/ben\""))
            """)
        let (_, delivery) = try #require(await scenario.daemon().pollOnce())
        #expect(delivery.digests == 1 && delivery.failedDigests == 1)
        #expect(scenario.messages("ana").count == 1)
        let store = try Store(path: scenario.folder.path("state/earshot.sqlite"))
        let pending = try store.pending()
        #expect(pending.count == 1)
        #expect(pending.first?.ambassador == "ben" && pending.first?.attempts == 1)

        // Once the channel works again, the waiting mention goes out on the next pass.
        try FileManager.default.removeItem(atPath: scenario.folder.path("maildir-blocker"))
        let (_, retry) = try #require(await scenario.daemon().pollOnce())
        #expect(retry.delivered == 1)
        #expect(try store.pending().isEmpty)
        let benNew = try FileManager.default.contentsOfDirectory(
            atPath: scenario.folder.path("maildir-blocker/ben/new"))
        #expect(benNew.count == 1)
    }

    @Test func anInvalidConfigStopsBeforeAnythingRuns() async throws {
        let scenario = try Scenario()
        try scenario.writeConfig("[[source]]\nid = \"x\"\nurl = \"ftp://nope\"\n\(brandWatches)\n\(team())")
        #expect(await scenario.daemon().pollOnce() == nil)
        #expect(scenario.server.requests.isEmpty)
    }
}
