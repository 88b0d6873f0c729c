import EarshotCore
import Testing

@testable import Feeds

@Suite struct ConcurrencyTests {
    /// Many tasks parse at once (separate libxml2 contexts, shared entity cache) and get the serial results.
    @Test func parallelParsesMatchSerialOnes() async throws {
        let names = [
            "rss2.xml", "rss091.xml", "atom.xml", "rdf.xml", "malformed-items.xml", "windows-1252.xml",
            "utf16le-bom.xml", "jsonfeed-1.1.json",
        ]
        let inputs = try names.map { try Fixture.bytes($0) }
        let parser = FeedParser()
        let serial = try inputs.map { try parser.parse($0, source: "s", url: "https://x.example/").posts }
        let results = try await withThrowingTaskGroup(of: (Int, [Post]).self) { group in
            for round in 0..<200 {
                let index = round % inputs.count
                let input = inputs[index]
                group.addTask { (index, try parser.parse(input, source: "s", url: "https://x.example/").posts) }
            }
            var all: [(Int, [Post])] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 200)
        for (index, posts) in results { #expect(posts == serial[index]) }
    }
}
