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
    /// One compiled watch.
    struct CompiledWatch: Sendable {
        let id: String
        let tags: [String]
        let program: Program
        /// Terms reported in mentions, as written, in order, each once.
        let reportedTerms: [String]
        /// The atoms that find each reported term, one term after another: term `i`'s end at `reportedEnds[i]`
        /// (flat, so that building a mention reads two arrays of integers).
        let reportedAtoms: [Int32]
        let reportedEnds: [Int32]
        /// `program` flat, and its proximity tests (see ``ProgramStep``).
        let steps: [ProgramStep]
        let nears: [Program]

        init(id: String, tags: [String], program: Program, reported: [(term: String, atoms: [Int])]) {
            self.id = id
            self.tags = tags
            self.program = program
            (steps, nears) = ProgramStep.flatten(program)
            reportedTerms = reported.map(\.term)
            reportedAtoms = reported.flatMap { $0.atoms.map(Int32.init) }
            var ends: [Int32] = []
            for (_, atoms) in reported { ends.append((ends.last ?? 0) + Int32(atoms.count)) }
            reportedEnds = ends
        }
    }

    /// What the compiled watches consist of, behind one reference: a `Matcher` (and every ``PostScan`` that
    /// holds one) is copied with one retain, not one per table.
    final class Tables: Sendable {
        let watches: [CompiledWatch]
        let atoms: [Atom]
        /// Per atom: whether it is found in text (``Atom/isTextual``).
        let textualAtoms: [Bool]
        /// Per pattern: the atoms that use it.
        let atomsByPattern: [[Int32]]
        /// Per pattern: its length in folded bytes.
        let patternLengths: [Int]
        /// Per pattern: whether it ends with a word character, so an occurrence needs a boundary after it.
        let boundaryAfter: [Bool]
        /// Per pattern: whether every atom using it needs that boundary (occurrences without it are dropped early).
        let boundaryRequired: [Bool]
        /// Per pattern: whether it starts with `#` or `@` and needs a non-word character before it.
        let tagStart: [Bool]
        /// Per atom: the watches that use it.
        let watchesByAtom: [[Int32]]
        /// Watches evaluated for every post (their query can hold without a textual term).
        let alwaysEvaluated: [Int32]
        /// The fields any atom looks in.
        let scannedFields: FieldSet
        let index: WordIndex
        /// Whether some watch has a `NEAR` or `ONEAR` (which counts words in the folded text).
        let hasProximity: Bool
        /// `atomsByPattern`, flat: pattern `i`'s atoms are `patternAtoms[patternAtomStarts[i]..<patternAtomStarts[i + 1]]`.
        let patternAtoms: [Int32]
        let patternAtomStarts: [Int32]
        /// Per atom: the fields a textual atom looks in (none for the others).
        let atomFields: [FieldSet]
        /// Per atom: whether it is textual with boundary checks only (no `raw:`, no wildcard).
        let plainAtoms: [Bool]

        init(
            watches: [CompiledWatch], atoms: [Atom], atomsByPattern: [[Int32]], patterns: [[UInt8]],
            boundaryRequired: [Bool], watchesByAtom: [[Int32]], alwaysEvaluated: [Int], scannedFields: FieldSet
        ) {
            self.watches = watches
            self.atoms = atoms
            self.textualAtoms = atoms.map(\.isTextual)
            self.atomsByPattern = atomsByPattern
            self.patternLengths = patterns.map(\.count)
            self.boundaryAfter = patterns.map { $0.withUnsafeBufferPointer(WordBoundary.kinds).last == .word }
            self.boundaryRequired = boundaryRequired
            self.tagStart = patterns.map { $0.first == UInt8(ascii: "#") || $0.first == UInt8(ascii: "@") }
            self.watchesByAtom = watchesByAtom
            self.alwaysEvaluated = alwaysEvaluated.map(Int32.init)
            self.scannedFields = scannedFields
            self.index = WordIndex(patterns: patterns, prefixOnly: boundaryRequired.map { !$0 })
            self.hasProximity = watches.contains { $0.program.hasProximity }
            self.patternAtoms = atomsByPattern.flatMap { $0 }
            var starts: [Int32] = [0]
            for atoms in atomsByPattern { starts.append(starts.last! + Int32(atoms.count)) }
            self.patternAtomStarts = starts
            self.atomFields = atoms.map {
                if case .text(_, let fields, _) = $0.kind { return fields }
                return []
            }
            self.plainAtoms = atoms.map {
                if case .text(_, _, .plain) = $0.kind { return true }
                return false
            }
        }
    }

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
    public var patternCount: Int { tables.patternLengths.count }

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
        guard scan.hasCandidates else { return [] }
        var mentions: [Mention] = []
        // Through a buffer pointer, whose subscript lends the watch instead of copying it (and retaining each of
        // its arrays) as the array's does.
        tables.watches.withUnsafeBufferPointer { watches in
            for candidate in scan.candidates() where scan.evaluate(watches[Int(candidate)]) {
                let watch = Int(candidate)
                let (terms, first) = scan.reportedTerms(of: watches[watch])
                mentions.append(
                    Mention(
                        post: scan.post, watch: watches[watch].id, terms: terms, tags: watches[watch].tags,
                        snippet: scan.snippet(around: first)))
            }
        }
        return mentions
    }

    /// Whether the post may mention some watch's term: the first read alone (folding as it reads, without
    /// building anything). When false, ``match(_:)`` returns no mention unless a watch is evaluated for every
    /// post (like `author:bob`).
    public func mayMention(_ post: Post) -> Bool {
        !possibleFields(post).isEmpty
    }

    /// The scanned fields of `post` in which some pattern may occur.
    func possibleFields(_ post: Post) -> FieldSet {
        var result: FieldSet = []
        for field in 0..<4 where tables.scannedFields.contains(FieldSet(index: field)) {
            var text = PostScan.field(field, of: post)
            if text.isEmpty { continue }
            // `withUTF8` is specialised, unlike the generic `withContiguousStorageIfAvailable`; a native string is
            // contiguous already, so nothing is copied.
            let possible = text.withUTF8 { tables.index.mayOccur(in: $0) }
            if possible { result.insert(FieldSet(index: field)) }
        }
        return result
    }

    /// Only folds and scans the post and evaluates the candidate watches; returns how many watches match.
    /// For measuring the match stage without building mentions.
    public func countMatches(_ post: Post) -> Int {
        withScan(post) { scan in
            guard scan.hasCandidates else { return 0 }
            return tables.watches.withUnsafeBufferPointer { watches in
                var count = 0
                for index in scan.candidates() where scan.evaluate(watches[Int(index)]) { count += 1 }
                return count
            }
        } ?? 0
    }
}
