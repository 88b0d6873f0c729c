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
    /// One compiled watch (a class: evaluating and reporting it takes one reference, not a copy of its arrays).
    final class CompiledWatch: Sendable {
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
    ///
    /// What a post with a hit reads is laid out flat, in one record or one run of an array per pattern, atom and
    /// watch: with 10,000 terms these tables outgrow the caches, and an array of arrays (or an object holding
    /// arrays) costs two or three cache misses in a row where a flat array costs one.
    final class Tables: Sendable {
        let watches: [CompiledWatch]
        let atoms: [Atom]
        /// Per pattern: the atoms that use it.
        let atomsByPattern: [[Int32]]
        /// Per pattern: its length, its atoms and its boundary flags.
        let patterns: [PatternInfo]
        /// The atoms of every pattern, one pattern after another (see ``PatternInfo/atoms``).
        let patternAtoms: [Int32]
        /// Per atom: the fields it looks in, how it is checked, and which watches use it.
        let atomInfo: [AtomInfo]
        /// Per atom: the watches that use it.
        let watchesByAtom: [[Int32]]
        /// `watchesByAtom`, flat (see ``AtomInfo/watchesStart``).
        let atomWatches: [Int32]
        /// Per watch: where its steps and reported terms are, and two flags.
        let watchInfo: [WatchInfo]
        /// Every watch's ``CompiledWatch/steps``, flat (see ``WatchInfo/steps``).
        let steps: [ProgramStep]
        /// Every watch's reported terms, flat (see ``WatchInfo/termsStart``): term `t` is written `termNames[t]`
        /// and found by the atoms `termAtoms[termEnds[t - 1]..<termEnds[t]]`.
        let termNames: [String]
        let termEnds: [Int32]
        let termAtoms: [Int32]
        /// Watches evaluated for every post (their query can hold without a textual term).
        let alwaysEvaluated: [Int32]
        /// The fields any atom looks in.
        let scannedFields: FieldSet
        let index: WordIndex
        /// Whether some watch has a `NEAR` or `ONEAR` (which counts words in the folded text).
        let hasProximity: Bool

        init(
            watches: [CompiledWatch], atoms: [Atom], atomsByPattern: [[Int32]], patterns: [[UInt8]],
            boundaryRequired: [Bool], watchesByAtom: [[Int32]], alwaysEvaluated: [Int], scannedFields: FieldSet
        ) {
            self.watches = watches
            self.atoms = atoms
            self.atomsByPattern = atomsByPattern
            var infos: [PatternInfo] = []
            var atomsStart: Int32 = 0
            for (pattern, bytes) in patterns.enumerated() {
                let atomsEnd = atomsStart + Int32(atomsByPattern[pattern].count)
                var flags: PatternInfo.Flags = []
                if bytes.withUnsafeBufferPointer(WordBoundary.kinds).last == .word { flags.insert(.boundaryAfter) }
                if boundaryRequired[pattern] { flags.insert(.boundaryRequired) }
                if bytes.first == UInt8(ascii: "#") || bytes.first == UInt8(ascii: "@") { flags.insert(.tagStart) }
                infos.append(
                    PatternInfo(length: Int32(bytes.count), atomsStart: atomsStart, atomsEnd: atomsEnd, flags: flags))
                atomsStart = atomsEnd
            }
            self.patterns = infos
            self.patternAtoms = atomsByPattern.flatMap { $0 }
            self.watchesByAtom = watchesByAtom
            let (atomWatches, atomWatchStarts) = Self.flat(watchesByAtom)
            self.atomWatches = atomWatches
            self.atomInfo = atoms.indices.map {
                AtomInfo(atoms[$0], watches: atomWatchStarts[$0]..<atomWatchStarts[$0 + 1])
            }
            let (steps, stepStarts) = Self.flat(watches.map(\.steps))
            self.steps = steps
            var watchInfo: [WatchInfo] = []
            var termEnds: [Int32] = []
            for (index, watch) in watches.enumerated() {
                let offset = termEnds.last ?? 0
                let termsStart = Int32(termEnds.count)
                termEnds += watch.reportedEnds.map { offset + $0 }
                watchInfo.append(
                    WatchInfo(
                        steps: stepStarts[index], termsStart: termsStart, termsEnd: Int32(termEnds.count),
                        textualTerms: watch.reportedAtoms.allSatisfy { atoms[Int($0)].isTextual },
                        holdsAsCandidate: watch.program.holdsWithAnyAtom
                            && watch.program.atoms.allSatisfy { atoms[$0].isTextual }))
            }
            self.watchInfo = watchInfo
            self.termEnds = termEnds
            self.termNames = watches.flatMap(\.reportedTerms)
            self.termAtoms = watches.flatMap(\.reportedAtoms)
            self.alwaysEvaluated = alwaysEvaluated.map(Int32.init)
            self.scannedFields = scannedFields
            self.index = WordIndex(patterns: patterns, prefixOnly: boundaryRequired.map { !$0 })
            self.hasProximity = watches.contains { $0.program.hasProximity }
        }

        /// `lists` one after another, and where each starts (one more start than lists: the end).
        private static func flat<Element>(_ lists: [[Element]]) -> ([Element], [Int32]) {
            var starts: [Int32] = [0]
            for list in lists { starts.append(starts.last! + Int32(list.count)) }
            return (lists.flatMap { $0 }, starts)
        }
    }

    /// What building a watch's mention needs to know about it, in one record.
    struct WatchInfo: Sendable {
        /// Where its steps start in ``Tables/steps``.
        var steps: Int32
        /// Where its reported terms are in ``Tables/termNames`` and ``Tables/termEnds``.
        var termsStart: Int32
        var termsEnd: Int32
        /// Every atom of its reported terms is textual (holds exactly when it was found).
        var textualTerms: Bool
        /// It holds whenever it is a candidate, without evaluating it: its program holds with any of its atoms,
        /// all textual, so the found atom that made it a candidate is enough.
        var holdsAsCandidate: Bool
    }

    /// What a hit on a pattern needs to know about it, in one record.
    struct PatternInfo: Sendable {
        struct Flags: OptionSet, Sendable {
            let rawValue: UInt8
            /// The pattern ends with a word character, so an occurrence needs a boundary after it.
            static let boundaryAfter = Flags(rawValue: 1)
            /// Every atom using it needs that boundary (occurrences without it are dropped early).
            static let boundaryRequired = Flags(rawValue: 2)
            /// It starts with `#` or `@` and needs a non-word character before it.
            static let tagStart = Flags(rawValue: 4)
        }

        /// In folded bytes.
        var length: Int32
        /// Where its atoms are in ``Tables/patternAtoms``.
        var atomsStart: Int32
        var atomsEnd: Int32
        var flags: Flags
    }

    /// What verifying an occurrence, finding candidate watches and evaluating a watch need to know about an
    /// atom, in one record.
    struct AtomInfo: Sendable {
        /// Where the watches that use it are in ``Tables/atomWatches``.
        var watchesStart: Int32
        var watchesEnd: Int32
        /// The fields a textual atom looks in (none for the others).
        var fields: FieldSet
        /// Textual, with boundary checks only (no `raw:`, no wildcard).
        var plain: Bool
        /// Found in text (``Atom/isTextual``).
        var textual: Bool

        init(_ atom: Atom, watches: Range<Int32>) {
            watchesStart = watches.lowerBound
            watchesEnd = watches.upperBound
            textual = atom.isTextual
            if case .text(_, let fields, let check) = atom.kind {
                self.fields = fields
                if case .plain = check { plain = true } else { plain = false }
            } else {
                fields = []
                plain = false
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
        guard scan.hasCandidates else { return [] }
        var mentions: [Mention] = []
        for candidate in scan.candidates()
        where tables.watchInfo[Int(candidate)].holdsAsCandidate || scan.evaluate(watch: Int(candidate)) {
            let (terms, first) = scan.reportedTerms(of: Int(candidate))
            let watch = tables.watches[Int(candidate)]
            mentions.append(
                Mention(
                    post: scan.post, watch: watch.id, terms: terms, tags: watch.tags,
                    snippet: scan.snippet(around: first)))
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
            var count = 0
            for index in scan.candidates()
            where tables.watchInfo[Int(index)].holdsAsCandidate || scan.evaluate(watch: Int(index)) {
                count += 1
            }
            return count
        } ?? 0
    }
}
