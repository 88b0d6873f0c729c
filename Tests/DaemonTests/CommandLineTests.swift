import Foundation
import TestSupport
import Testing

@Suite struct CommandLineTests {
    @Test func checkAcceptsTheShippedExampleConfig() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (status, out, err) = try await EarshotProcess.run(
            ["check", "--config", Fixtures.path("../../Config/earshot.toml")], folder: folder.path)
        #expect(status == 0, "\(err)")
        #expect(out.contains("OK: 3 sources"))
    }

    @Test func checkListsEveryProblemWithFileAndLine() async throws {
        let scenario = try Scenario()
        try scenario.writeConfig(
            """
            [[source]]
            id = "news"
            url = "https://example.com/feed.xml"
            intervall = "10m"

            [[watch]]
            id = "brand"
            any = ["acme"]
            tags = ["cloud"]

            \(team())
            """,
            daemon: "per_host = 0")
        let (status, out, err) = try await EarshotProcess.run(
            ["check", "--config", scenario.configPath], folder: scenario.folder.path)
        #expect(status == 1)
        #expect(out.isEmpty)
        let lines = err.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(scenario.configPath):5:1: ") && $0.contains("per_host") })
        #expect(lines.contains { $0.hasPrefix("\(scenario.configPath):13:1: ") && $0.contains("intervall") })
        #expect(lines.last?.contains("2 problems") == true)
    }

    @Test func parsePrintsOneJSONObjectPerPost() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (status, out, err) = try await EarshotProcess.run(
            ["parse", Fixtures.path("Feeds/rss2.xml"), Fixtures.path("Feeds/atom.xml")], folder: folder.path)
        #expect(status == 0, "\(err)")
        let lines = out.split(separator: "\n")
        #expect(lines.count >= 2)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["source", "id", "url", "title", "text", "author", "published"] {
                #expect(object.keys.contains(key), "missing \(key) in \(line)")
            }
        }
        #expect(out.contains(#""source":"\#(Fixtures.path("Feeds/rss2.xml"))""#))
    }

    @Test func parallelParseKeepsTheInputOrder() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let files = ["Feeds/rss2.xml", "Feeds/atom.xml", "Feeds/jsonfeed-1.1.json", "Feeds/rdf.xml", "Feeds/rss2.xml"]
            .map(Fixtures.path)
        let (status, out, err) = try await EarshotProcess.run(["parse", "--jobs", "3"] + files, folder: folder.path)
        #expect(status == 0, "\(err)")
        let sources = try out.split(separator: "\n").map { line -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["source"] as? String)
        }
        var runs: [String] = []
        for source in sources where runs.last != source { runs.append(source) }
        #expect(runs == files)
        let (_, serial, _) = try await EarshotProcess.run(["parse", "--jobs", "1"] + files, folder: folder.path)
        #expect(serial == out)
    }

    @Test func parseReportsABadFileAndGoesOn() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (status, out, err) = try await EarshotProcess.run(
            ["parse", Fixtures.path("Feeds/html-page.html"), Fixtures.path("Feeds/rss2.xml")], folder: folder.path)
        #expect(status == 1)
        #expect(err.contains("html-page.html") && err.contains("not a feed"))
        #expect(!out.isEmpty)
    }

    @Test func matchReadsJSONLinesAndPrintsMentions() async throws {
        let scenario = try Scenario()
        try scenario.writeBrandConfig()
        let posts = """
            {"source":"s","id":"p1","url":null,"title":"Acme Cloud outage","text":"","author":null,"published":null}
            {"source":"s","id":"p2","url":null,"title":"nothing","text":"at all","author":null,"published":null}
            {"source":"s","id":"p3","url":null,"title":"ACME","text":"invoice overdue #acme","author":null,"published":null}
            """
        let (status, out, err) = try await EarshotProcess.run(
            ["match", "--config", scenario.configPath], folder: scenario.folder.path, stdin: posts)
        #expect(status == 0, "\(err)")
        #expect(
            out.split(separator: "\n") == [
                #"{"post":"p1","watch":"brand","terms":["Acme Cloud"]}"#,
                ##"{"post":"p3","watch":"brand","terms":["#acme"]}"##,
                #"{"post":"p3","watch":"invoices","terms":["acme","invoice"]}"#,
            ])
    }

    /// 1,500 posts as JSON Lines, each mentioning both watches of the brand config.
    private static let manyPosts: String = {
        var posts = ""
        for number in 0..<1_500 {
            let title = number % 3 == 0 ? "Acme Cloud outage \(number)" : "nothing \(number)"
            posts +=
                #"{"source":"s","id":"p\#(number)","url":null,"title":"\#(title)","text":"invoice overdue #acme","#
                + #""author":null,"published":null}"# + "\n"
        }
        return posts
    }()

    /// Posts are matched in batches of 1,000: more than one batch, and the last one partly full, give every
    /// mention, in the order of the posts.
    @Test func matchPrintsEveryBatchsMentionsInOrder() async throws {
        let scenario = try Scenario()
        try scenario.writeBrandConfig()
        let (status, out, err) = try await EarshotProcess.run(
            ["match", "--config", scenario.configPath], folder: scenario.folder.path, stdin: Self.manyPosts)
        #expect(status == 0, "\(err)")
        let lines = out.split(separator: "\n")
        #expect(lines.count == 3_000)
        let posts = lines.map { String($0.split(separator: "\"")[3]) }
        #expect(posts == (0..<1_500).flatMap { ["p\($0)", "p\($0)"] })
    }

    /// The hidden `--benchmark` flag decodes every post, times each batch three times over, and still counts
    /// every mention of every post, in more than one batch.
    @Test func matchBenchmarkCountsEveryMention() async throws {
        let scenario = try Scenario()
        try scenario.writeBrandConfig()
        let posts = Self.manyPosts
        let (status, out, err) = try await EarshotProcess.run(
            ["match", "--benchmark", "--config", scenario.configPath], folder: scenario.folder.path, stdin: posts)
        #expect(status == 0, "\(err)")
        #expect(out.isEmpty)
        // Every post mentions both watches: `brand` by #acme, `invoices` by acme and invoice.
        #expect(err.contains("match stage: 1500 posts"), "\(err)")
        #expect(err.contains(", 3000 mentions"), "\(err)")
    }

    @Test func pollWithoutOnceIsRefused() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (status, _, err) = try await EarshotProcess.run(["poll"], folder: folder.path)
        #expect(status != 0)
        #expect(err.contains("--once"))
    }
}
