import Daemon
import Delivery
import EarshotCore
import Foundation
import Routing
import Settings
import Store
import TestSupport
import Testing

/// The delivery keys from TOML to the running parts: channels, planners, router policies; and routing with
/// capacities through a whole poll cycle.
@Suite struct DeliveryConfigTests {
    @Test func everyDeliveryKeyReachesItsPart() throws {
        let scenario = try Scenario()
        try "https://hooks.example.com/services/T0/B0/XYZ\n".write(
            toFile: scenario.folder.path("slack.url"), atomically: true, encoding: .utf8)
        try "s3cret\n".write(toFile: scenario.folder.path("smtp.pw"), atomically: true, encoding: .utf8)
        try "-----BEGIN CERTIFICATE-----\n".write(
            toFile: scenario.folder.path("relay-ca.pem"), atomically: true, encoding: .utf8)
        try "hmac-key".write(toFile: scenario.folder.path("hook.key"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            atPath: scenario.folder.path("templates"), withIntermediateDirectories: true)
        try scenario.writeConfig(
            """
            [[watch]]
            id = "brand"
            any = ["acme"]
            tags = ["cloud"]
            route = "one"
            fanout = 2
            urgent = true

            [[ambassador]]
            id = "ana"
            name = "Ana"
            email = "ana@example.com"
            expertise = ["cloud"]
            capacity = 5
            capacity_week = 20
            timezone = "Asia/Tokyo"
            digest = "weekly fri 17:00"
            quiet_hours = "21:00-08:00"
            away = ["2026-12-20", "2027-01-04"]
            channels = ["mail", "chat", "cards", "hook"]

            [[ambassador]]
            id = "comms"
            name = "Comms"
            email = "comms@example.com"
            channels = ["box"]

            [[channel]]
            id = "mail"
            kind = "smtp"
            url = "smtps://mail.example.com:465"
            from = "earshot@example.com"
            username = "earshot"
            password_file = "smtp.pw"
            ca_file = "relay-ca.pem"
            templates = "templates"

            [[channel]]
            id = "chat"
            kind = "slack"
            url_file = "slack.url"

            [[channel]]
            id = "cards"
            kind = "teams"
            url = "https://example.webhook.office.com/workflows/abc"

            [[channel]]
            id = "hook"
            kind = "webhook"
            url = "https://crm.example.com/earshot"
            secret_file = "hook.key"

            [[channel]]
            id = "box"
            kind = "maildir"
            path = "maildir/comms"
            """,
            daemon: "templates = \"templates\"")
        let snapshot = try Snapshot.load(path: scenario.configPath)
        #expect(snapshot.channels["mail"] is SMTPChannel)
        #expect(snapshot.channels["chat"] is SlackChannel)
        #expect(snapshot.channels["cards"] is TeamsChannel)
        #expect(snapshot.channels["hook"] is WebhookChannel)
        #expect(snapshot.channels["box"] is MaildirChannel)
        let smtp = try #require(snapshot.settings.channels.first { $0.id == "mail" })
        guard case .smtp(let mail) = smtp.kind else { Issue.record("not smtp"); return }
        #expect(mail.password == "s3cret" && mail.username == "earshot" && mail.requireTLS)
        // `ca_file` is resolved against the config file's folder and handed to the channel.
        #expect(mail.caFile == scenario.folder.path("relay-ca.pem"))
        #expect((snapshot.channels["mail"] as? SMTPChannel)?.caFile == scenario.folder.path("relay-ca.pem"))
        guard case .slack(let slack) = snapshot.settings.channels.first(where: { $0.id == "chat" })!.kind else {
            Issue.record("not slack")
            return
        }
        #expect(slack.url == "https://hooks.example.com/services/T0/B0/XYZ")
        let planner = snapshot.planner(for: "ana")
        #expect(planner.schedule == .weekly(weekday: 6, TimeOfDay(hour: 17, minute: 0)))
        #expect(planner.timeZone.identifier == "Asia/Tokyo")
        #expect(planner.quietHours == QuietHours(parsing: "21:00-08:00"))
        #expect(snapshot.urgentWatches == ["brand"])
        #expect(snapshot.router.policies["brand"] == .one(fanout: 2))
        let ana = try #require(snapshot.router.ambassadors.first { $0.id == "ana" })
        #expect(ana.capacity == 5 && ana.capacityWeek == 20 && ana.away.count == 1)
    }

    @Test func anUnreadableCAFileIsAConfigErrorAtItsKey() throws {
        let scenario = try Scenario()
        try scenario.writeConfig(
            Self.mailOnly(
                """
                url = "smtps://mail.example.com:465"
                ca_file = "missing-ca.pem"
                """))
        #expect {
            try Snapshot.load(path: scenario.configPath)
        } throws: { error in
            guard let errors = error as? ConfigErrors else { return false }
            return errors.errors.contains {
                ($0.key ?? "").hasSuffix("ca_file") && $0.message.contains("cannot read `ca_file`")
                    && $0.message.contains("missing-ca.pem") && $0.line > 0
            }
        }
    }

    /// One watch, and one ambassador whose only channel is the smtp channel `mail`, with `lines` added to it.
    static func mailOnly(_ lines: String) -> String {
        """
        [[watch]]
        id = "brand"
        any = ["acme"]

        [[ambassador]]
        id = "comms"
        name = "Comms"
        email = "comms@example.com"
        channels = ["mail"]

        [[channel]]
        id = "mail"
        kind = "smtp"
        from = "earshot@example.com"
        \(lines)
        """
    }

    @Test func anSMTPUsernameWithoutAPasswordIsAConfigErrorUnlessSystemdGivesOne() throws {
        let scenario = try Scenario()
        let body = Self.mailOnly(
            """
            url = "smtp://mail.example.com:587"
            username = "earshot"
            """)
        try scenario.writeConfig(body)
        #expect(throws: ConfigErrors.self) { try Snapshot.load(path: scenario.configPath) }
    }

    @Test func capacityOverflowWithRouteOneAndAllThroughAPollCycle() async throws {
        let scenario = try Scenario()
        scenario.serveRSS(
            "/news.xml",
            items: (1...4).map { ("c\($0)", "Acme Cloud \($0)", "Acme Cloud.") }
                + (1...3).map { ("i\($0)", "acme invoice \($0)", "An acme invoice.") })
        try scenario.writeConfig(
            """
            [[source]]
            id = "news"
            url = "\(scenario.server.url("/news.xml"))"

            [[watch]]
            id = "brand"
            any = ["Acme Cloud"]
            tags = ["cloud"]
            route = "one"

            [[watch]]
            id = "invoices"
            all = ["acme", "invoice"]
            tags = ["billing"]

            [[ambassador]]
            id = "ana"
            name = "Ana"
            email = "ana@example.com"
            expertise = ["cloud", "billing"]
            capacity = 2
            channels = ["ana-box"]

            [[ambassador]]
            id = "ben"
            name = "Ben"
            email = "ben@example.com"
            expertise = ["cloud", "billing"]
            capacity = 2
            channels = ["ben-box"]

            [[ambassador]]
            id = "comms"
            name = "Comms"
            email = "comms@example.com"
            channels = ["comms-box"]

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
            """)
        let (report, delivery) = try #require(await scenario.daemon().pollOnce())
        #expect(report.mentions == 7)
        // Capacity 2 each, 4 mentions: whatever order the posts come in, route = "one" and route = "all" together
        // never give anyone more than 2, and what is left goes to the fallback as overflow.
        let store = try Store(path: scenario.folder.path("state/earshot.sqlite"))
        let loads = try store.ambassadorLoads()
        #expect(loads.day["ana"] == 2 && loads.day["ben"] == 2)
        #expect((loads.day["comms"] ?? 0) == report.assignments - 4)
        #expect(loads.toFallback["overflow"] == report.overflow && report.overflow > 0)
        #expect(report.unclaimed == 0)
        #expect(delivery.delivered == report.assignments)
        let all = scenario.messages("ana") + scenario.messages("ben") + scenario.messages("comms")
        for index in 1...4 {
            #expect(all.contains { $0.contains("Acme Cloud \(index)") }, "Acme Cloud \(index) was dropped")
        }
        let (status, out, _) = try await EarshotProcess.run(
            ["status", "--config", scenario.configPath], folder: scenario.folder.path)
        #expect(status == 0)
        #expect(out.contains("\(report.overflow) overflow"))
    }
}

/// `earshot status` says when each ambassador's next digest goes out and how many mentions wait for it.
@Test func statusShowsTheNextDigestAndWhatWaits() async throws {
    let scenario = try Scenario()
    scenario.serveRSS("/news.xml", items: (1...3).map { ("n\($0)", "Acme Cloud \($0)", "Acme Cloud.") })
    try scenario.writeConfig(
        """
        [[source]]
        id = "news"
        url = "\(scenario.server.url("/news.xml"))"

        \(brandWatches)
        \(team(anaDigest: "daily 06:30"))
        """)
    let (report, delivery) = try #require(await scenario.daemon().pollOnce())
    #expect(report.mentions == 3 && delivery.held == 3 && delivery.delivered == 0)
    let snapshot = try Snapshot.load(path: scenario.configPath)
    let store = try Store(path: scenario.folder.path("state/earshot.sqlite"))
    let now = Date()
    let next = try Deliverer.nextDigests(snapshot: snapshot, store: store, now: now)
    let ana = try #require(next["ana"])
    #expect(ana.waiting == 3 && next["comms"] == nil)
    // The next 06:30 UTC, within a day.
    #expect(ana.at > now.addingTimeInterval(-60) && ana.at <= now.addingTimeInterval(24 * 3600))
    var utc = Calendar(identifier: .gregorian)
    utc.timeZone = TimeZone(identifier: "UTC")!
    #expect(utc.dateComponents([.hour, .minute], from: ana.at) == DateComponents(hour: 6, minute: 30))
    let (status, out, _) = try await EarshotProcess.run(
        ["status", "--config", scenario.configPath], folder: scenario.folder.path)
    #expect(status == 0)
    #expect(out.contains("NEXT DIGEST"))
    let line = try #require(out.split(separator: "\n").first { $0.hasPrefix("ana ") })
    #expect(line.contains("(3 waiting)") && line.contains("in "), "\(line)")
}
