import ArgumentParser
import Daemon
import EarshotCore
import Foundation
import Matching
import Settings

extension MatchCommand {
    /// The config's matcher, or with `--query` a matcher for that query alone (with the config's entities when
    /// `--config` is given).
    func makeMatcher() throws -> Matcher {
        guard let query else {
            return try options.snapshot().matcher
        }
        var entities: [EntityDefinition] = []
        if options.config != nil {
            do {
                entities = try Settings.load(path: options.path).entities.map {
                    EntityDefinition(
                        id: $0.id, names: $0.names, handles: $0.handles, hashtags: $0.hashtags, domains: $0.domains)
                }
            } catch {
                for problem in error.errors { Output.error(problem.description) }
                throw ExitCode(1)
            }
        }
        do {
            return try Matcher(watches: [WatchDefinition(id: "query", query: query)], entities: entities)
        } catch {
            let caret = QueryError(error.message, column: error.column ?? 1).caret(in: query)
            Output.error(
                "--query:\(caret.lineIndex + 1):\(caret.column): \(error.message)\n    \(caret.line)\n    \(caret.caret)"
            )
            throw ExitCode(1)
        }
    }

    /// `--explain` lines for one post: one block per watch that matched or nearly did.
    static func explanation(of post: Post, by matcher: Matcher) -> String {
        var text = ""
        for explanation in matcher.explain(post) {
            text += "post \(post.id) watch \(explanation.watch): \(explanation.matched ? "MATCH" : "no match")\n"
            for span in explanation.spans {
                text += "  \(span.term)  \(span.field) \(span.start)..<\(span.end)\n"
            }
            for reason in explanation.reasons { text += "  \(reason)\n" }
        }
        return text
    }
}

/// With `--benchmark`, times the match stage alone and reports it on standard error: posts are decoded into
/// batches of 1,000, and each batch is matched three times under the thread's CPU clock (so neither JSON decoding,
/// output, nor time spent waiting for a core counts); the fastest of the three counts, since the machine may be
/// shared and the slower ones measure other load. Mention lines are not printed then. The first read alone
/// (``Matcher/mayMention(_:)``, which rules most posts out) and matching without building mentions
/// (``Matcher/countMatches(_:)``: no snippets, no mention values) are timed the same way.
struct MatchStageTimer {
    let enabled: Bool
    let matcher: Matcher
    private var batch: [Post] = []
    private var decideSeconds = 0.0
    private var seconds = 0.0
    private var firstReadSeconds = 0.0
    private var bytes = 0
    private var posts = 0
    private var mentions = 0
    private var passed = 0
    static let repeats = 3

    init(enabled: Bool, matcher: Matcher) {
        self.enabled = enabled
        self.matcher = matcher
    }

    /// `matcher.match(post)`, or when enabled, nothing yet: the post joins the batch, timed when it is full.
    mutating func time(_ post: Post) -> [Mention] {
        guard enabled else { return matcher.match(post) }
        batch.append(post)
        if batch.count == 1000 { flush() }
        return []
    }

    private mutating func flush() {
        guard !batch.isEmpty else { return }
        var best = Double.infinity
        var bestFirstRead = Double.infinity
        var bestDecide = Double.infinity
        var found = 0
        var possible = 0
        let matcher = self.matcher
        batch.withUnsafeMutableBufferPointer { posts in
            let first = posts.baseAddress!
            /// Calls `body` with each post, moved out of the batch and back: a post read out of an array is
            /// copied for the call (a retain and a release of each of its strings), which the timing would
            /// count as matching.
            func each(_ body: (Post) -> Void) {
                for index in 0..<posts.count {
                    let post = (first + index).move()
                    body(post)
                    (first + index).initialize(to: post)
                }
            }
            for _ in 0..<Self.repeats {
                found = 0
                var start = Self.cpuSeconds()
                each { found += matcher.match($0).count }
                best = min(best, Self.cpuSeconds() - start)
                possible = 0
                start = Self.cpuSeconds()
                each { if matcher.mayMention($0) { possible += 1 } }
                bestFirstRead = min(bestFirstRead, Self.cpuSeconds() - start)
                var decided = 0
                start = Self.cpuSeconds()
                each { decided += matcher.countMatches($0) }
                bestDecide = min(bestDecide, Self.cpuSeconds() - start)
                precondition(decided == found, "countMatches and match disagree")
            }
        }
        decideSeconds += bestDecide
        seconds += best
        firstReadSeconds += bestFirstRead
        mentions += found
        passed += possible
        posts += batch.count
        for post in batch { bytes += post.title.utf8.count + post.text.utf8.count }
        batch.removeAll(keepingCapacity: true)
    }

    private static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Prints `match stage: ...` and `first read: ...` on standard error.
    mutating func report() {
        guard enabled else { return }
        flush()
        let megabytes = Double(bytes) / 1_000_000
        Output.error(
            String(
                format: "match stage: %d posts, %.1f MB (title+text) in %.3f s of CPU = %.1f MB/s, %d mentions",
                posts, megabytes, seconds, seconds > 0 ? megabytes / seconds : 0, mentions))
        Output.error(
            String(
                format: "matching without building mentions: %.3f s of CPU = %.1f MB/s",
                decideSeconds, decideSeconds > 0 ? megabytes / decideSeconds : 0))
        Output.error(
            String(
                format: "first read: %.3f s of CPU = %.1f MB/s; %d posts (%.1f%%) go on to the full scan",
                firstReadSeconds, firstReadSeconds > 0 ? megabytes / firstReadSeconds : 0, passed,
                posts > 0 ? 100 * Double(passed) / Double(posts) : 0))
    }
}
