import EarshotCore

/// Why a watch matched a post, or why it nearly did: where its terms occur and what excluded it.
public struct MatchExplanation: Sendable, Equatable {
    /// One occurrence of a term.
    public struct Span: Sendable, Equatable {
        /// The term as written in the watch.
        public var term: String
        /// `title`, `text`, `author` or `url`.
        public var field: String
        /// Start and end (exclusive) in Unicode scalars from the start of the field's text.
        public var start: Int
        public var end: Int

        /// Creates a span.
        public init(term: String, field: String, start: Int, end: Int) {
            self.term = term
            self.field = field
            self.start = start
            self.end = end
        }
    }

    /// The watch's id.
    public var watch: String
    /// Whether the watch matched.
    public var matched: Bool
    /// Every occurrence of the watch's terms (those under `NOT` too), by field and position.
    public var spans: [Span]
    /// For a near miss: each `NOT` that excluded the post (`excluded by NOT spam`) and each missing term or
    /// condition (`missing outage`, `acme NEAR/3 outage: no pair within 3 words`). Empty when it matched.
    public var reasons: [String]

    /// Creates an explanation.
    public init(watch: String, matched: Bool, spans: [Span], reasons: [String]) {
        self.watch = watch
        self.matched = matched
        self.spans = spans
        self.reasons = reasons
    }
}

extension Matcher {
    /// For each watch that matched the post or had one of its terms occur in it (a near miss), in watch order:
    /// the terms' occurrences and, when it did not match, why.
    public func explain(_ post: Post) -> [MatchExplanation] {
        var scan = PostScan(matcher: self, post: post)
        guard scan.hasCandidates else { return [] }
        var result: [MatchExplanation] = []
        for index in scan.candidates() {
            let watch = watches[Int(index)]
            let matched = scan.evaluate(watch.program)
            var displays: [(atom: Int, display: String)] = []
            Self.collectDisplays(watch.program, into: &displays)
            var spans: [MatchExplanation.Span] = []
            var seenAtoms = Set<Int>()
            for (atom, display) in displays where seenAtoms.insert(atom).inserted {
                guard let range = scan.ranges[atom] else { continue }
                for occurrence in scan.occurrences[range] {
                    let (start, end) = scan.originalSpan(occurrence)
                    let text = scan.text(Int(occurrence.field))
                    spans.append(
                        MatchExplanation.Span(
                            term: display, field: FieldSet.names[Int(occurrence.field)],
                            start: Self.scalarOffset(start, in: text), end: Self.scalarOffset(end, in: text)))
                }
            }
            if !matched && spans.isEmpty { continue }
            spans.sort {
                (FieldSet.names.firstIndex(of: $0.field)!, $0.start) < (
                    FieldSet.names.firstIndex(of: $1.field)!, $1.start
                )
            }
            let reasons = matched ? [] : Self.why(watch.program, scan: &scan)
            result.append(MatchExplanation(watch: watch.id, matched: matched, spans: spans, reasons: reasons))
        }
        return result
    }

    private static func collectDisplays(_ program: Program, into displays: inout [(atom: Int, display: String)]) {
        switch program {
        case .atom(let atom, let display): displays.append((atom, display))
        case .and(let programs), .or(let programs):
            for program in programs { collectDisplays(program, into: &displays) }
        case .not(let program): collectDisplays(program, into: &displays)
        case .near(let left, let right, _, _, let display):
            for atom in left + right where !displays.contains(where: { $0.atom == atom }) {
                displays.append((atom, display))
            }
        }
    }

    /// The program as written, roughly.
    private static func describe(_ program: Program) -> String {
        switch program {
        case .atom(_, let display): display
        case .and(let programs): "(" + programs.map(describe).joined(separator: " AND ") + ")"
        case .or(let programs): "(" + programs.map(describe).joined(separator: " OR ") + ")"
        case .not(let program): "NOT " + describe(program)
        case .near(_, _, _, _, let display): display
        }
    }

    /// Why `program`, which does not hold, fails.
    private static func why(_ program: Program, scan: inout PostScan) -> [String] {
        switch program {
        case .atom(_, let display):
            return ["missing \(display)"]
        case .and(let programs):
            var reasons: [String] = []
            for program in programs where !scan.evaluate(program) { reasons += why(program, scan: &scan) }
            return reasons
        case .or(let programs):
            return ["missing any of " + programs.map(describe).joined(separator: ", ")]
        case .not(let inner):
            return ["excluded by NOT \(describe(inner))"]
        case .near(let left, let right, let distance, _, let display):
            let leftFound = left.contains { scan.ranges[$0] != nil }
            let rightFound = right.contains { scan.ranges[$0] != nil }
            if leftFound && rightFound {
                return ["\(display): no pair within \(distance) \(distance == 1 ? "word" : "words")"]
            }
            return [
                "\(display): missing " + (leftFound ? "the right side" : rightFound ? "the left side" : "both sides")
            ]
        }
    }

    /// The number of Unicode scalars in the first `offset` UTF-8 bytes of `text`.
    static func scalarOffset(_ offset: Int, in text: String) -> Int {
        var count = 0
        for byte in text.utf8.prefix(offset) where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
