import ArgumentParser
import Daemon
import EarshotCore
import Foundation
import Matching

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Read posts as JSON Lines (the shape `earshot parse` prints) and print one line per mention.")

    @OptionGroup var options: ConfigOptions

    @Argument(help: "JSON Lines file of posts (default: standard input).")
    var file: String?

    @Option(help: "Try this query as the only watch (the config is read only for its entities, when given).")
    var query: String?

    @Flag(help: "Show, per mention and near miss, which terms matched where and what excluded it.")
    var explain = false

    @Flag(help: .hidden)
    var benchmark = false

    func run() async throws {
        let matcher = try makeMatcher()
        var stage = MatchStageTimer(enabled: benchmark, matcher: matcher)
        let handle: FileHandle
        if let file {
            guard let opened = FileHandle(forReadingAtPath: file) else {
                Output.error("\(file): cannot read file")
                throw ExitCode(1)
            }
            handle = opened
        } else {
            handle = FileHandle.standardInput
        }
        let name = file ?? "stdin"
        var output: [UInt8] = []
        var badLines = 0
        var lineNumber = 0
        var reader = LineReader(handle: handle)
        while let line = reader.next() {
            lineNumber += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
            let post: Post
            do {
                post = try Post(jsonLine: line)
            } catch {
                Output.error("\(name):\(lineNumber): \(error)")
                badLines += 1
                continue
            }
            if explain {
                output.append(contentsOf: Self.explanation(of: post, by: matcher).utf8)
                continue
            }
            Self.append(stage.add(post), to: &output)
            if output.count >= 1 << 16 {
                Output.write(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        Self.append(stage.finish(), to: &output)
        Output.write(output)
        stage.report()
        if badLines > 0 { throw ExitCode(1) }
    }

    /// Appends one JSON line per mention to `output`.
    private static func append(_ mentions: [Mention], to output: inout [UInt8]) {
        for mention in mentions {
            output.append(contentsOf: #"{"post":"#.utf8)
            Post.appendJSONString(mention.post.id, to: &output)
            output.append(contentsOf: #","watch":"#.utf8)
            Post.appendJSONString(mention.watch, to: &output)
            output.append(contentsOf: #","terms":["#.utf8)
            for (index, term) in mention.terms.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Post.appendJSONString(term, to: &output)
            }
            output.append(contentsOf: "]}\n".utf8)
        }
    }
}

/// Splits a file into lines, reading it in large blocks.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(handle: FileHandle) {
        self.handle = handle
    }

    mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
