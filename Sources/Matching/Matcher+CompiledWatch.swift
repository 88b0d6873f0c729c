extension Matcher {
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
}
