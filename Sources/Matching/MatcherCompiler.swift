/// Turns watch definitions into programs over shared atoms and patterns.
struct MatcherCompiler {
    let entities: [String: EntityDefinition]
    private(set) var patterns: [[UInt8]] = []
    private var patternIDs: [[UInt8]: Int] = [:]
    private(set) var atoms: [Atom] = []
    private var atomIDs: [Atom: Int] = [:]
    private(set) var atomsByPattern: [[Int32]] = []

    init(entities: [EntityDefinition]) {
        var byID: [String: EntityDefinition] = [:]
        for entity in entities where byID[entity.id] == nil { byID[entity.id] = entity }
        self.entities = byID
    }

    mutating func compile(_ watch: WatchDefinition) throws(MatcherError) -> Matcher.CompiledWatch {
        if let text = watch.query { return try compileQuery(text, watch: watch) }
        if watch.any.isEmpty && watch.all.isEmpty {
            throw MatcherError(
                watch: watch.id, term: "", message: "the watch needs at least one term in `any` or `all`")
        }
        func atom(_ term: String) throws(MatcherError) -> Int {
            let folded = TermFold.fold(term)
            guard !folded.isEmpty else {
                throw MatcherError(watch: watch.id, term: term, message: "the term folds to nothing")
            }
            return intern(Atom(kind: .text(pattern: pattern(folded), fields: [.title, .text], check: .plain)))
        }
        var any: [Program] = []
        var all: [Program] = []
        var none: [Program] = []
        var reported: [(term: String, atoms: [Int])] = []
        for term in watch.any {
            let id = try atom(term)
            any.append(.atom(id, display: term))
            if !reported.contains(where: { $0.term == term }) { reported.append((term, [id])) }
        }
        for term in watch.all {
            let id = try atom(term)
            all.append(.atom(id, display: term))
            if !reported.contains(where: { $0.term == term }) { reported.append((term, [id])) }
        }
        for term in watch.none { none.append(.atom(try atom(term), display: term)) }
        var parts: [Program] = []
        if !any.isEmpty { parts.append(any.count == 1 ? any[0] : .or(any)) }
        parts += all
        parts += none.map { .not($0) }
        return Matcher.CompiledWatch(
            id: watch.id, tags: watch.tags, program: parts.count == 1 ? parts[0] : .and(parts), reported: reported)
    }

    private mutating func compileQuery(_ text: String, watch: WatchDefinition) throws(MatcherError)
        -> Matcher.CompiledWatch
    {
        let query: Query
        do {
            query = try Query(text, entities: Array(entities.keys))
        } catch {
            throw MatcherError(watch: watch.id, term: "", message: error.message, column: error.column)
        }
        var reported: [(term: String, atoms: [Int])] = []
        let program = try node(query.root, watch: watch.id, negated: false, reported: &reported)
        return Matcher.CompiledWatch(id: watch.id, tags: watch.tags, program: program, reported: reported)
    }

    private mutating func node(
        _ node: QueryNode, watch: String, negated: Bool, reported: inout [(term: String, atoms: [Int])]
    ) throws(MatcherError) -> Program {
        switch node {
        case .term(let term):
            return try self.term(term, watch: watch, negated: negated, reported: &reported)
        case .and(let nodes):
            var programs: [Program] = []
            for node in nodes {
                programs.append(try self.node(node, watch: watch, negated: negated, reported: &reported))
            }
            return .and(programs)
        case .or(let nodes):
            var programs: [Program] = []
            for node in nodes {
                programs.append(try self.node(node, watch: watch, negated: negated, reported: &reported))
            }
            return .or(programs)
        case .not(let inner):
            return .not(try self.node(inner, watch: watch, negated: !negated, reported: &reported))
        case .near(let left, let right, let distance, let ordered):
            let leftProgram = try self.node(left, watch: watch, negated: negated, reported: &reported)
            let rightProgram = try self.node(right, watch: watch, negated: negated, reported: &reported)
            let leftAtoms = leftProgram.atoms.filter { atoms[$0].isTextual }
            let rightAtoms = rightProgram.atoms.filter { atoms[$0].isTextual }
            let display =
                "\(Self.display(left)) \(ordered ? "ONEAR" : "NEAR")/\(distance) \(Self.display(right))"
            return .near(left: leftAtoms, right: rightAtoms, distance: distance, ordered: ordered, display: display)
        }
    }

    /// A NEAR operand as written.
    private static func display(_ node: QueryNode) -> String {
        switch node {
        case .term(let term): term.display
        case .or(let nodes): "(" + nodes.map(display).joined(separator: " OR ") + ")"
        default: "(…)"
        }
    }

    private mutating func term(
        _ term: QueryTerm, watch: String, negated: Bool, reported: inout [(term: String, atoms: [Int])]
    ) throws(MatcherError) -> Program {
        if term.kind == .entity {
            guard let entity = entities[term.text] else {
                throw MatcherError(
                    watch: watch, term: "", message: "unknown entity `\(term.text)`", column: term.column)
            }
            let members = entity.terms(column: term.column)
            guard !members.isEmpty else {
                throw MatcherError(
                    watch: watch, term: "", message: "entity `\(term.text)` has no names, handles, hashtags or domains",
                    column: term.column)
            }
            var programs: [Program] = []
            for member in members {
                programs.append(try self.term(member, watch: watch, negated: negated, reported: &reported))
            }
            return programs.count == 1 ? programs[0] : .or(programs)
        }
        let atom = try atom(for: term, watch: watch)
        if !negated {
            if let index = reported.firstIndex(where: { $0.term == term.display }) {
                if !reported[index].atoms.contains(atom) { reported[index].atoms.append(atom) }
            } else {
                reported.append((term.display, [atom]))
            }
        }
        return .atom(atom, display: term.display)
    }

    private mutating func atom(for term: QueryTerm, watch: String) throws(MatcherError) -> Int {
        func failure(_ message: String) -> MatcherError {
            MatcherError(watch: watch, term: "", message: message, column: term.column)
        }
        switch term.field {
        case .domain:
            var host = term.text.lowercased()
            while host.hasSuffix(".") { host.removeLast() }
            return intern(Atom(kind: .domain(host)))
        case .source:
            return intern(Atom(kind: .source(term.text)))
        case .lang:
            return intern(Atom(kind: .lang(term.text.lowercased())))
        case .any, .title, .text, .author, .url:
            break
        }
        let fields = FieldSet(term.field)!
        switch term.kind {
        case .wildcard:
            let prefix = String(term.text.prefix { $0 != "*" && $0 != "?" })
            let folded = TermFold.fold(prefix)
            var rest: [UInt8] = []
            for character in term.text.dropFirst(prefix.count) {
                if character == "*" || character == "?" {
                    rest.append(character.asciiValue!)
                } else {
                    rest += FoldedText(String(character)).bytes.filter { $0 != FoldedText.marker }
                }
            }
            while rest.first == UInt8(ascii: "*") && rest.count > 1 && rest[1] == UInt8(ascii: "*") {
                rest.removeFirst()
            }
            guard !folded.isEmpty else {
                throw failure("a wildcard needs at least 2 letters before the first `*` or `?`")
            }
            return intern(Atom(kind: .text(pattern: pattern(folded), fields: fields, check: .wildcard(rest: rest))))
        case .raw:
            let folded = TermFold.fold(term.text)
            guard !folded.isEmpty else { throw failure("the raw phrase `\(term.text)` has nothing to match") }
            return intern(
                Atom(kind: .text(pattern: pattern(folded), fields: fields, check: .raw(Array(term.text.utf8)))))
        case .word, .phrase, .entity:
            let folded = TermFold.fold(term.text)
            guard !folded.isEmpty else { throw failure("the term `\(term.text)` folds to nothing") }
            return intern(Atom(kind: .text(pattern: pattern(folded), fields: fields, check: .plain)))
        }
    }

    private mutating func pattern(_ bytes: [UInt8]) -> Int {
        if let id = patternIDs[bytes] { return id }
        let id = patterns.count
        patternIDs[bytes] = id
        patterns.append(bytes)
        atomsByPattern.append([])
        return id
    }

    private mutating func intern(_ atom: Atom) -> Int {
        if let id = atomIDs[atom] { return id }
        let id = atoms.count
        atomIDs[atom] = id
        atoms.append(atom)
        if case .text(let pattern, _, _) = atom.kind { atomsByPattern[pattern].append(Int32(id)) }
        return id
    }
}
