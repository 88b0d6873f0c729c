extension Matcher {
    /// What the compiled watches consist of, behind one reference: a `Matcher` (and every ``PostScan`` that
    /// holds one) is copied with one retain, not one per table.
    ///
    /// What a post with a hit reads is laid out flat, in one record or one run of an array per pattern, atom and
    /// watch: with 10,000 terms these tables outgrow the caches, and an array of arrays (or an object holding
    /// arrays) costs two or three cache misses in a row where a flat array costs one.
    final class Tables: Sendable {
        let watches: [CompiledWatch]
        let atoms: [Atom]
        /// Per pattern: its length, its atoms and its boundary flags.
        let patterns: [PatternInfo]
        /// The atoms of every pattern, one pattern after another (see ``PatternInfo/atoms``).
        let patternAtoms: [Int32]
        /// Per atom: the fields it looks in, how it is checked, and which watches use it.
        let atomInfo: [AtomInfo]
        /// The watches that use each atom, one atom after another (see ``AtomInfo/watchesStart``).
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
            let (atomWatches, atomWatchStarts) = Self.flat(watchesByAtom)
            self.atomWatches = atomWatches
            var atomInfo = atoms.indices.map {
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
            // Each atom's one reported term, if it has one.
            var termStart: Int32 = 0
            for (term, termEnd) in termEnds.enumerated() {
                for position in Int(termStart)..<Int(termEnd) {
                    let atom = Int(termAtoms[position])
                    let known = atomInfo[atom].term
                    atomInfo[atom].term =
                        known == AtomInfo.noTerm || known == Int32(term) ? Int32(term) : AtomInfo.severalTerms
                }
                termStart = termEnd
            }
            self.atomInfo = atomInfo
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
}
