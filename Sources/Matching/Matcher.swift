import EarshotCore

/// Finds which watch lists a post mentions.
///
/// ## Matching rules
/// - Title and text are each folded once (``FoldedText``): lowercase, diacritics removed (`"cafe"` matches
///   `"Café"`, `"ß"` matches `"ss"`, `"ς"` matches `"σ"`), every run of whitespace (spaces, tabs, newlines,
///   Unicode spaces) as one space, invisible format characters dropped. Terms are folded the same way, with
///   leading and trailing whitespace removed, so `"Acme Cloud"` matches `"ACME\n  cloud"`.
/// - A term matches a literal occurrence of its folded bytes, punctuation included (`"acme.com"`, `"c++"`,
///   `"at&t"`, `"#acme"`), checked for word boundaries at its two ends only:
///   - where the term begins (ends) with a word character (ASCII letter, digit, `_`; any Unicode letter, number
///     or mark), the character before (after) the occurrence must not be one: `"acme"` does not match `"acmes"`,
///     `"pacme"`, `"acme2"` or `"#acmecloud"`, but does match `"#acme"`, `"@acme"`, `"acme's"`, `"(acme)"`,
///     `"acme."` and `"https://acme.com"`;
///   - where the term begins (ends) with punctuation or a symbol, no boundary is needed there: `"c++"` matches
///     `"c++11"`, `".net"` matches `"asp.net"`; `"#acme"` needs the hashtag itself, so plain `"acme"` does
///     not match it, nor does `"#acmecloud"`;
///   - where the term begins (ends) with a letter of a script written without spaces (Han, Hiragana, Katakana,
///     Thai, Lao, Khmer, Myanmar), no boundary is needed, so such terms match as substrings (`"東京"` in
///     `"東京都"`); such letters next to a term in another script count as a boundary (`"acme"` in
///     `"acmeの新製品"`).
/// - A watch matches when at least one `any` term (if it has any), every `all` term and no `none` term occurs
///   in the title or the text (a term found in either counts).
///
/// All terms of all watches are compiled into one ``Automaton``; a post costs one pass per field, and only
/// watches with a term that occurred are evaluated.
public struct Matcher: Sendable {
    /// One compiled watch.
    struct CompiledWatch: Sendable {
        var definition: WatchDefinition
        var any: [Int]
        var all: [Int]
        var none: [Int]
        /// The `any` then `all` terms as written, each once, with their pattern.
        var reported: [(term: String, pattern: Int)]
    }

    let watches: [CompiledWatch]
    /// Per pattern: whether it ends with a word character and so needs a boundary after it. (The boundary
    /// before is in the pattern itself, as a ``FoldedText/marker``.)
    let boundaryAfter: [Bool]
    /// Per pattern: the watches that list it in `any` or `all`.
    let watchesByPattern: [[Int]]
    let automaton: Automaton

    /// Compiles every watch once; the result is immutable and shared by all tasks.
    ///
    /// Throws when a term folds to nothing (blank, or only invisible characters and marks) or a watch has no
    /// `any` and no `all` terms (it would match every post).
    public init(watches: [WatchDefinition]) throws(MatcherError) {
        var patternIDs: [[UInt8]: Int] = [:]
        var patternBytes: [[UInt8]] = []
        var boundaryAfter: [Bool] = []
        var watchesByPattern: [[Int]] = []
        var compiled: [CompiledWatch] = []
        compiled.reserveCapacity(watches.count)

        func intern(_ term: String, watch: WatchDefinition) throws(MatcherError) -> Int {
            var folded = FoldedText(term).bytes
            while folded.last == UInt8(ascii: " ") { folded.removeLast() }
            while folded.first == UInt8(ascii: " ") { folded.removeFirst() }
            guard !folded.isEmpty else {
                throw MatcherError(watch: watch.id, term: term, message: "the term folds to nothing")
            }
            if let id = patternIDs[folded] { return id }
            let id = patternBytes.count
            patternIDs[folded] = id
            patternBytes.append(folded)
            boundaryAfter.append(folded.withUnsafeBufferPointer(WordBoundary.kinds).last == .word)
            watchesByPattern.append([])
            return id
        }

        for (index, watch) in watches.enumerated() {
            if watch.any.isEmpty && watch.all.isEmpty {
                throw MatcherError(
                    watch: watch.id, term: "", message: "the watch needs at least one term in `any` or `all`")
            }
            var any: [Int] = []
            var all: [Int] = []
            var none: [Int] = []
            var reported: [(term: String, pattern: Int)] = []
            for term in watch.any { any.append(try intern(term, watch: watch)) }
            for term in watch.all { all.append(try intern(term, watch: watch)) }
            for term in watch.none { none.append(try intern(term, watch: watch)) }
            for (term, pattern) in zip(watch.any + watch.all, any + all)
            where !reported.contains(where: { $0.term == term }) {
                reported.append((term, pattern))
                if watchesByPattern[pattern].last != index { watchesByPattern[pattern].append(index) }
            }
            compiled.append(CompiledWatch(definition: watch, any: any, all: all, none: none, reported: reported))
        }
        self.watches = compiled
        self.boundaryAfter = boundaryAfter
        self.watchesByPattern = watchesByPattern
        self.automaton = Automaton(patterns: patternBytes)
    }

    /// Mentions of this post, one per matching watch, in watch order.
    ///
    /// A mention's snippet is taken around the earliest occurrence (title before text) of the watch's `any` and
    /// `all` terms that were found.
    public func match(_ post: Post) -> [Mention] {
        let fields = [post.title, post.text]
        var folded: [FoldedText] = []
        var hits = Hits(patternCount: boundaryAfter.count)
        for (field, text) in fields.enumerated() {
            let text = FoldedText(text)
            find(in: text, field: field, into: &hits)
            folded.append(text)
        }
        if hits.isEmpty { return [] }
        hits.sortByPattern()

        var candidates: [Int] = []
        for hit in hits.found { candidates += watchesByPattern[hit.pattern] }
        candidates.sort()

        // Matching watches, their terms found and the hit their snippet is taken around.
        var matched: [(watch: Int, terms: [String], first: Hits.Hit)] = []
        var previous = -1
        for index in candidates where index != previous {
            previous = index
            let watch = watches[index]
            guard watch.any.isEmpty || watch.any.contains(where: hits.contains),
                watch.all.allSatisfy(hits.contains),
                !watch.none.contains(where: hits.contains)
            else { continue }
            var terms: [String] = []
            var first: Hits.Hit?
            for (term, pattern) in watch.reported {
                guard let hit = hits[pattern] else { continue }
                terms.append(term)
                if first.map({ (hit.field, hit.start) < ($0.field, $0.start) }) ?? true { first = hit }
            }
            if let first { matched.append((index, terms, first)) }
        }

        // One snippet per distinct first hit, with offsets mapped back in one pass per field.
        var snippets: [Int: String] = [:]
        for field in fields.indices {
            var seen = Set<Int>()
            let firsts = matched.map(\.first).filter { $0.field == field && seen.insert($0.pattern).inserted }
            if firsts.isEmpty { continue }
            let offsets = folded[field].originalOffsets(firsts.flatMap { [$0.start, $0.end] })
            for (k, hit) in firsts.enumerated() {
                snippets[hit.pattern] = Snippet.make(
                    from: fields[field], start: offsets[2 * k], end: offsets[2 * k + 1])
            }
        }
        return matched.map { match in
            let watch = watches[match.watch].definition
            return Mention(
                post: post, watch: watch.id, terms: match.terms, tags: watch.tags,
                snippet: snippets[match.first.pattern] ?? "")
        }
    }

    /// Records in `hits` the first occurrence, with word boundaries as required, of each pattern in `text`.
    private func find(in text: FoldedText, field: Int, into hits: inout Hits) {
        boundaryAfter.withUnsafeBufferPointer { boundaryAfter in
            text.bytes.withUnsafeBufferPointer { bytes in
                automaton.scan(bytes) { id, end in
                    if hits.contains(id) { return }
                    if boundaryAfter[id] && end < bytes.count && WordBoundary.kind(at: end, in: bytes) == .word {
                        return
                    }
                    hits.insert(
                        Hits.Hit(pattern: id, field: field, start: end - automaton.patternLengths[id], end: end))
                }
            }
        }
    }
}
