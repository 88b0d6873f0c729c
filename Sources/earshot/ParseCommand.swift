import ArgumentParser
import Curl
import Daemon
import EarshotCore
import Feeds
import Foundation

struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Decode feeds (files or http/https URLs) and print one JSON object per post, one per line.")

    @Option(name: .long, help: "Source id to put in each post (default: the file path or URL).")
    var source: String?

    @Argument(help: "Feed files or URLs.")
    var inputs: [String]

    func run() async throws {
        let parser = FeedParser()
        var engine: CurlEngine?
        defer { engine?.shutdown() }
        var output: [UInt8] = []
        output.reserveCapacity(1 << 20)
        var failures = 0
        for input in inputs {
            let sourceID = source ?? input
            let body: [UInt8]
            var url = input
            var contentType: String?
            if input.hasPrefix("http://") || input.hasPrefix("https://") {
                let client = engine ?? CurlEngine()
                engine = client
                switch await client.perform(HTTPRequest(url: input)) {
                case .failure(let error):
                    Output.error("source \(sourceID) (\(input)): \(error.message)")
                    failures += 1
                    continue
                case .success(let response) where !(200..<300).contains(response.status):
                    Output.error("source \(sourceID) (\(input)): HTTP \(response.status)")
                    failures += 1
                    continue
                case .success(let response):
                    body = response.body
                    url = response.url
                    contentType = response.contentType
                }
            } else {
                guard let data = FileManager.default.contents(atPath: input) else {
                    Output.error("\(input): cannot read file")
                    failures += 1
                    continue
                }
                body = [UInt8](data)
                url = URL(fileURLWithPath: input).absoluteString
            }
            do {
                let feed = try parser.parse(body, source: sourceID, url: url, contentType: contentType)
                for skipped in feed.skipped { Output.error("source \(sourceID) (\(input)): skipped \(skipped)") }
                for post in feed.posts {
                    post.appendJSONLine(to: &output)
                    if output.count >= 1 << 20 {
                        Output.write(output)
                        output.removeAll(keepingCapacity: true)
                    }
                }
            } catch {
                Output.error(error.description)
                failures += 1
            }
        }
        Output.write(output)
        if failures > 0 { throw ExitCode(1) }
    }
}
