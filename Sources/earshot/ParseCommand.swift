import ArgumentParser
import Curl
import Daemon
import EarshotCore
import Feeds
import Foundation
import Social

struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Decode feeds (files or http/https URLs) and print one JSON object per post, one per line.")

    @Option(name: .long, help: "Source id to put in each post (default: the file path or URL).")
    var source: String?

    @Option(
        name: .long,
        help:
            "Read the inputs as API responses of this source kind (mastodon, bluesky, reddit, hackernews, lobsters, github) instead of feeds."
    )
    var kind: String?

    @Option(name: .long, help: "Inputs decoded at once (default: one per CPU). Output keeps the input order.")
    var jobs: Int?

    @Argument(help: "Feed files or URLs.")
    var inputs: [String]

    func validate() throws {
        if let kind, kind != "feed", SocialAdapters.adapter(for: kind) == nil {
            throw ValidationError(
                "unknown kind \"\(kind)\" (known: feed, \(SocialAdapters.kinds.joined(separator: ", ")))")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// What one input produced: JSON lines, messages for standard error, and whether it failed.
    struct Decoded: Sendable {
        var lines: [UInt8] = []
        var messages: [String] = []
        var failed = false
    }

    func run() async throws {
        let engine = inputs.contains { $0.hasPrefix("http://") || $0.hasPrefix("https://") } ? CurlEngine() : nil
        defer { engine?.shutdown() }
        let decoder = InputDecoder(parser: FeedParser(), engine: engine, source: source, kind: kind)
        let width = jobs ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
        var failures = 0
        var output: [UInt8] = []
        output.reserveCapacity(1 << 20)
        // Decode up to `width` inputs at once, and write each input's lines as soon as all earlier ones are out.
        await withTaskGroup(of: (Int, Decoded).self) { group in
            var next = 0
            var ready: [Int: Decoded] = [:]
            var written = 0
            func startNext() {
                guard next < inputs.count else { return }
                let index = next
                let input = inputs[index]
                next += 1
                group.addTask { (index, await decoder.decode(input)) }
            }
            for _ in 0..<width { startNext() }
            for await (index, decoded) in group {
                ready[index] = decoded
                while let done = ready.removeValue(forKey: written) {
                    for message in done.messages { Output.error(message) }
                    if done.failed { failures += 1 }
                    output.append(contentsOf: done.lines)
                    if output.count >= 1 << 20 {
                        Output.write(output)
                        output.removeAll(keepingCapacity: true)
                    }
                    written += 1
                }
                startNext()
            }
        }
        Output.write(output)
        if failures > 0 { throw ExitCode(1) }
    }
}

/// Reads (or fetches) one input and decodes it as a feed or as an API response of a source kind.
struct InputDecoder: Sendable {
    let parser: FeedParser
    let engine: CurlEngine?
    let source: String?
    let kind: String?

    func decode(_ input: String) async -> ParseCommand.Decoded {
        var result = ParseCommand.Decoded()
        let sourceID = source ?? input
        let body: [UInt8]
        var url = input
        var contentType: String?
        if let engine, input.hasPrefix("http://") || input.hasPrefix("https://") {
            switch await engine.perform(HTTPRequest(url: input)) {
            case .failure(let error):
                result.messages.append("source \(sourceID) (\(Redact.url(input))): \(Redact.text(error.message))")
                result.failed = true
                return result
            case .success(let response) where !(200..<300).contains(response.status):
                result.messages.append("source \(sourceID) (\(Redact.url(input))): HTTP \(response.status)")
                result.failed = true
                return result
            case .success(let response):
                body = response.body
                url = response.url
                contentType = response.contentType
            }
        } else {
            guard let bytes = Self.read(input) else {
                result.messages.append("\(input): cannot read file")
                result.failed = true
                return result
            }
            body = bytes
            url = URL(fileURLWithPath: input).absoluteString
        }
        if let adapter = kind.flatMap(SocialAdapters.adapter(for:)) {
            do {
                for post in try adapter.decode(body, source: sourceID, url: url) {
                    post.appendJSONLine(to: &result.lines)
                }
            } catch {
                result.messages.append(Redact.text(error.message))
                result.failed = true
            }
            return result
        }
        do {
            let feed = try parser.parse(body, source: sourceID, url: url, contentType: contentType)
            for skipped in feed.skipped { result.messages.append("source \(sourceID) (\(input)): skipped \(skipped)") }
            result.lines.reserveCapacity(body.count)
            for post in feed.posts { post.appendJSONLine(to: &result.lines) }
        } catch {
            result.messages.append(error.description)
            result.failed = true
        }
        return result
    }

    /// The whole file, read with one `read` loop into a byte array.
    static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        let ok = bytes.withUnsafeMutableBytes { buffer -> Bool in
            while offset < buffer.count {
                let count = Foundation.read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return count == 0 }
                offset += count
            }
            return true
        }
        guard ok else { return nil }
        return offset == bytes.count ? bytes : Array(bytes[0..<offset])
    }
}
