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

/// Matches posts in batches of 1,000 (``Matcher/match(_:)-([Post])``, one first read over a batch's fields).
///
/// With `--benchmark`, times the match stage alone and reports it on standard error: all the posts are decoded
/// first, and then each batch is matched three times under the thread's CPU clock (so neither JSON decoding,
/// output, nor time spent waiting for a core counts); the fastest of the three counts, since the machine may be
/// shared and the slower ones measure other load. (Timed between the decoding of one batch and the next, the
/// stage was spread over the 5 seconds of the whole run, where a peer's scans take a fraction of a second, on
/// a shared machine whose speed drifts from second to second.)
/// Mention lines are not printed then. The first read alone (``Matcher/mayMention(_:)-([Post])``, which
/// rules most posts out) and matching without building mentions (``Matcher/countMatches(_:)-([Post])``: no
/// snippets, no mention values) are timed the same way.
struct MatchStageTimer {
    let enabled: Bool
    let matcher: Matcher
    private var batch: [Post] = []
    /// When timing: the batches decoded, timed once all are.
    private var held: [[Post]] = []
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

    /// Adds `post` to the batch; when that fills it, the batch's mentions (none when timing).
    mutating func add(_ post: Post) -> [Mention] {
        batch.append(post)
        return batch.count == 1000 ? flush() : []
    }

    /// The mentions of the posts left in the batch (none when timing).
    mutating func finish() -> [Mention] {
        flush()
    }

    private mutating func flush() -> [Mention] {
        guard !batch.isEmpty else { return [] }
        guard enabled else {
            defer { batch.removeAll(keepingCapacity: true) }
            return matcher.match(batch)
        }
        held.append(batch)
        batch = []
        return []
    }

    /// Times the match of `batch` (the fastest of ``repeats``), and the first read and the count alone.
    private mutating func time(_ batch: [Post]) {
        var best = Double.infinity
        var bestFirstRead = Double.infinity
        var bestDecide = Double.infinity
        var found = 0
        var possible = 0
        for _ in 0..<Self.repeats {
            var start = Self.cpuSeconds()
            found = matcher.match(batch).count
            best = min(best, Self.cpuSeconds() - start)
            start = Self.cpuSeconds()
            let possibles = matcher.mayMention(batch)
            bestFirstRead = min(bestFirstRead, Self.cpuSeconds() - start)
            possible = possibles.count { $0 }
            start = Self.cpuSeconds()
            let decided = matcher.countMatches(batch)
            bestDecide = min(bestDecide, Self.cpuSeconds() - start)
            precondition(decided == found, "countMatches and match disagree")
        }
        decideSeconds += bestDecide
        seconds += best
        firstReadSeconds += bestFirstRead
        mentions += found
        passed += possible
        posts += batch.count
        for post in batch { bytes += post.title.utf8.count + post.text.utf8.count }
    }

    private static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Prints `match stage: ...` and `first read: ...` on standard error.
    mutating func report() {
        guard enabled else { return }
        for batch in held { time(batch) }
        held = []
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
