import EarshotCore

/// Finds which watch lists a post mentions.
///
/// ## Matching rules
/// - Title, text (and author and URL when a query looks there) are each folded once (``FoldedText``):
///   lowercase, diacritics removed (`"cafe"` matches `"Café"`, `"ß"` matches `"ss"`, `"ς"` matches `"σ"`,
///   Turkish `"İ"` and `"ı"` match `"i"`), every run of whitespace (spaces, tabs, newlines, Unicode spaces) as
///   one space, invisible format characters dropped. Terms are folded the same way, with leading and trailing
///   whitespace removed, so `"Acme Cloud"` matches `"ACME\n  cloud"`.
/// - A term matches a literal occurrence of its folded bytes, punctuation included (`"acme.com"`, `"c++"`,
///   `"at&t"`, `"#acme"`), checked for word boundaries at its two ends only:
///   - where the term begins (ends) with a word character (ASCII letter, digit, `_`; any Unicode letter, number
///     or mark), the character before (after) the occurrence must not be one: `"acme"` does not match `"acmes"`,
///     `"pacme"`, `"acme2"` or `"#acmecloud"`, but does match `"#acme"`, `"@acme"`, `"acme's"`, `"(acme)"`,
///     `"acme."` and `"https://acme.com"`;
///   - where the term begins (ends) with punctuation or a symbol, no boundary is needed there: `"c++"` matches
///     `"c++11"`, `".net"` matches `"asp.net"`; `"#acme"` needs the hashtag itself, so plain `"acme"` does
///     not match it, nor does `"#acmecloud"`; a term starting with `#` or `@` must not follow a word character
///     (`"@acme"` is not in `"bob@acme.com"`);
///   - where the term begins (ends) with a letter of a script written without spaces (Han, Hiragana, Katakana,
///     Thai, Lao, Khmer, Myanmar), no boundary is needed, so such terms match as substrings (`"東京"` in
///     `"東京都"`); such letters next to a term in another script count as a boundary (`"acme"` in
///     `"acmeの新製品"`).
/// - A watch with `any`/`all`/`none` matches when at least one `any` term (if it has any), every `all` term and
///   no `none` term occurs in the title or the text (a term found in either counts). A watch with a ``Query``
///   matches when its query holds.
///
/// All terms of all watches are compiled into one ``WordIndex``: each term is filed under one of its words, and
/// a field is read once, a word at a time, with one sieve test per word however many terms there are. Most
/// posts stop at that read (which folds as it goes and allocates nothing); the keys it finds are checked against
/// the text in place, as the fold would have it, and only a field where that check meets a character the fold
/// must judge is folded for real and scanned. Only watches with a term that occurred (and those whose query can
/// hold without one, like `author:bob`) are evaluated.
public struct Matcher: Sendable {
    let tables: Tables

    /// The compiled watches, in config order.
    var watches: [CompiledWatch] { tables.watches }

    /// Compiles every watch once; the result is immutable and shared by all tasks.
    ///
    /// Throws when a term folds to nothing (blank, or only invisible characters and marks), a watch has no
    /// query and no `any` or `all` terms (it would match every post), or a query does not parse (the error then
    /// carries the column in the query).
    public init(watches: [WatchDefinition], entities: [EntityDefinition] = []) throws(MatcherError) {
        var compiler = MatcherCompiler(entities: entities)
        var compiled: [CompiledWatch] = []
        compiled.reserveCapacity(watches.count)
        for watch in watches {
            compiled.append(try compiler.compile(watch))
        }
        var watchesByAtom = [[Int32]](repeating: [], count: compiler.atoms.count)
        var always: [Int] = []
        for (index, watch) in compiled.enumerated() {
            for atom in Set(watch.program.atoms) { watchesByAtom[atom].append(Int32(index)) }
            let atoms = compiler.atoms
            if !watch.program.needsText(textual: { atoms[$0].isTextual }) { always.append(index) }
        }
        for index in watchesByAtom.indices { watchesByAtom[index].sort() }
        var fields: FieldSet = []
        var required = [Bool](repeating: true, count: compiler.patterns.count)
        for atom in compiler.atoms {
            if case .text(let pattern, let atomFields, let check) = atom.kind {
                fields.formUnion(atomFields)
                if case .wildcard = check { required[pattern] = false }
            }
        }
        self.tables = Tables(
            watches: compiled, atoms: compiler.atoms, atomsByPattern: compiler.atomsByPattern,
            patterns: compiler.patterns, boundaryRequired: required, watchesByAtom: watchesByAtom,
            alwaysEvaluated: always, scannedFields: fields)
    }

    /// Number of distinct patterns (folded terms) the watches look for.
    public var patternCount: Int { tables.patterns.count }

    /// Mentions of this post, one per matching watch, in watch order.
    ///
    /// A mention's terms are the watch's terms that were found (for a query, its terms outside `NOT`, as
    /// written); its snippet is taken around the earliest occurrence (title before text) of one of them.
    public func match(_ post: Post) -> [Mention] {
        withScan(post) { mentions(&$0) } ?? []
    }

    /// Reads `post` once (keys recorded by the first read, checked in place where they can be) and calls `body`
    /// with the result; nil when no field may hold a pattern and no watch is evaluated for every post.
    @inline(__always)
    func withScan<Result>(_ post: Post, _ body: (inout PostScan) -> Result) -> Result? {
        withUnsafeTemporaryAllocation(of: KeyHit.self, capacity: FieldReads.capacity) { keys in
            let reads = read(post, into: keys.baseAddress!)
            guard !reads.isEmpty || !tables.alwaysEvaluated.isEmpty else { return nil }
            var scan = PostScan(matcher: self, post: post, reads: reads, keys: keys.baseAddress!)
            return body(&scan)
        }
    }

    /// ``match(_:)`` with every field that may hold a pattern folded and scanned in full, none checked in
    /// place: the reference the in-place checks are tested against.
    func matchScanningAll(_ post: Post) -> [Mention] {
        var scan = PostScan(matcher: self, post: post)
        return mentions(&scan)
    }

    /// The mentions of the post `scan` went through.
    private func mentions(_ scan: inout PostScan) -> [Mention] {
        var mentions: [Mention] = []
        appendMentions(&scan, to: &mentions)
        return mentions
    }

    /// Appends the mentions of the post `scan` went through to `mentions` (built in place: a batch's mentions
    /// gathered from an array per post were each copied once more, a retain and a release of each of their
    /// strings and arrays).
    func appendMentions(_ scan: inout PostScan, to mentions: inout [Mention]) {
        guard scan.hasCandidates else { return }
        for candidate in scan.candidates()
        where tables.watchInfo[Int(candidate)].holdsAsCandidate || scan.evaluate(watch: Int(candidate)) {
            let (terms, first) = scan.reportedTerms(of: Int(candidate))
            let watch = tables.watches[Int(candidate)]
            mentions.append(
                Mention(
                    post: scan.post, watch: watch.id, terms: terms, tags: watch.tags,
                    snippet: scan.snippet(around: first)))
        }
    }

    /// Whether the post may mention some watch's term: the first read alone (folding as it reads, without
    /// building anything). When false, ``match(_:)`` returns no mention unless a watch is evaluated for every
    /// post (like `author:bob`).
    public func mayMention(_ post: Post) -> Bool {
        !possibleFields(post).isEmpty
    }

    /// The scanned fields of `post` in which some pattern may occur.
    func possibleFields(_ post: Post) -> FieldSet {
        let index = tables.index
        let scanned = tables.scannedFields
        return index.withReadTables { readTables in
            var result: FieldSet = []
            for field in 0..<4 where scanned.contains(FieldSet(index: field)) {
                let possible = PostScan.withField(field, of: post) {
                    !$0.isEmpty && index.mayOccur(in: $0, tables: readTables)
                }
                if possible { result.insert(FieldSet(index: field)) }
            }
            return result
        }
    }

    /// Only folds and scans the post and evaluates the candidate watches; returns how many watches match.
    /// For measuring the match stage without building mentions.
    public func countMatches(_ post: Post) -> Int {
        withScan(post) { matchCount(&$0) } ?? 0
    }

    /// How many watches match the post `scan` went through.
    func matchCount(_ scan: inout PostScan) -> Int {
        guard scan.hasCandidates else { return 0 }
        var count = 0
        for index in scan.candidates()
        where tables.watchInfo[Int(index)].holdsAsCandidate || scan.evaluate(watch: Int(index)) {
            count += 1
        }
        return count
    }
}
