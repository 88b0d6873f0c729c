import Foundation

@testable import Feeds

/// Loads fixture files from `Tests/Fixtures/Feeds`, found relative to this source file.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/Feeds")

    /// The bytes of one fixture file.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// Parses one fixture as source `test`, with `https://feeds.example/<name>` as its URL.
    static func feed(_ name: String, contentType: String? = nil) throws -> Feed {
        try FeedParser().parse(
            try bytes(name), source: "test", url: "https://feeds.example/\(name)", contentType: contentType)
    }

    /// The error that parsing the fixture throws, or nil when it parses.
    static func error(_ name: String) throws -> FeedError? {
        do {
            _ = try feed(name)
            return nil
        } catch let error as FeedError {
            return error
        }
    }
}
