/// Turns a query's text into a ``QueryNode``; see ``Query`` for the syntax.
struct QueryParser {
    /// One lexical token, with its 1-based column.
    enum Token: Equatable {
        case open, close, and, or, not, minus
        case near(distance: Int, ordered: Bool, written: String)
        case term(QueryTerm)
        /// `title:(`: a field applied to a group (the `(` is consumed with it).
        case fieldGroup(QueryField, written: String)
    }

    private let scalars: [Unicode.Scalar]
    private let entities: [String]?
    private var tokens: [(token: Token, column: Int)] = []
    private var index = 0
    /// Fields of the `field:(...)` groups being parsed.
    private var fieldContext: [QueryField] = []

    static let maximumDistance = 100
    private static let operatorNames = ["AND", "OR", "NOT"]
    private static let schemes: Set<String> = ["http", "https", "ftp", "mailto"]

    init(_ text: String, entities: [String]?) {
        scalars = Array(text.unicodeScalars)
        self.entities = entities
    }

    private var endColumn: Int { scalars.count + 1 }

    mutating func parse() throws(QueryError) -> QueryNode {
        try lex()
        guard !tokens.isEmpty else { throw QueryError("the query is empty", column: 1) }
        let node = try parseOr()
        if index < tokens.count {
            // Only a stray `)` stops the top level early.
            throw QueryError("unexpected `)`: there is no `(` to close", column: tokens[index].column)
        }
        guard node.needsPositiveTerm else {
            throw QueryError(
                "the query would match posts by exclusion alone: add a term that must appear", column: 1)
        }
        return node
    }

    // MARK: - Lexer

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    private mutating func lex() throws(QueryError) {
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            let column = i + 1
            if Self.isSpace(scalar) {
                i += 1
                continue
            }
            switch scalar {
            case "(":
                tokens.append((.open, column))
                i += 1
            case ")":
                tokens.append((.close, column))
                i += 1
            case "\"":
                let (text, next) = try phrase(at: i)
                tokens.append((.term(try makeTerm(field: .any, kind: .phrase, text: text, column: column)), column))
                i = next
            case "-":
                guard i + 1 < scalars.count, !Self.isSpace(scalars[i + 1]), scalars[i + 1] != ")" else {
                    throw QueryError("`-` must be followed by a term, like `-spam`", column: column)
                }
                tokens.append((.minus, column))
                i += 1
            default:
                i = try bare(at: i)
            }
        }
    }

    /// The phrase whose opening quote is at `start`, and the index after its closing quote.
    private func phrase(at start: Int) throws(QueryError) -> (String, Int) {
        var end = start + 1
        while end < scalars.count && scalars[end] != "\"" { end += 1 }
        guard end < scalars.count else {
            throw QueryError("the phrase is missing its closing `\"`", column: start + 1)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[(start + 1)..<end])
        let text = String(view)
        guard !text.unicodeScalars.allSatisfy(Self.isSpace) else {
            throw QueryError("the phrase is empty", column: start + 1)
        }
        return (text, end + 1)
    }

    /// Lexes the bare token at `start` (a word, an operator or a field prefix); returns the index after it.
    private mutating func bare(at start: Int) throws(QueryError) -> Int {
        var end = start
        while end < scalars.count, !Self.isSpace(scalars[end]), scalars[end] != "(", scalars[end] != ")",
            scalars[end] != "\""
        {
            end += 1
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        let word = String(view)
        let column = start + 1
        if Self.operatorNames.contains(word) {
            tokens.append((word == "AND" ? .and : word == "OR" ? .or : .not, column))
            return end
        }
        if word == "NEAR" || word == "ONEAR" || word.hasPrefix("NEAR/") || word.hasPrefix("ONEAR/") {
            let ordered = word.hasPrefix("O")
            let name = ordered ? "ONEAR" : "NEAR"
            let digits = word.dropFirst(name.count + 1)
            guard word.count > name.count, let distance = Int(digits), digits.allSatisfy(\.isASCII) else {
                throw QueryError("`\(name)` needs a distance in words, like `\(name)/3`", column: column)
            }
            guard (1...Self.maximumDistance).contains(distance) else {
                throw QueryError(
                    "the distance of `\(word)` must be from 1 to \(Self.maximumDistance) words", column: column)
            }
            tokens.append((.near(distance: distance, ordered: ordered, written: word), column))
            return end
        }
        if let colon = word.firstIndex(of: ":"), colon != word.startIndex {
            let prefix = String(word[..<colon])
            let value = String(word[word.index(after: colon)...])
            let lower = prefix.lowercased()
            if QueryField.prefixes.contains(lower) {
                return try prefixed(lower, written: prefix, value: value, column: column, end: end)
            }
            if prefix.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) }),
                !Self.schemes.contains(lower)
            {
                throw QueryError(
                    "unknown field `\(prefix):` (known: \(QueryField.prefixes.map { "`\($0):`" }.joined(separator: ", ")))"
                        + Self.didYouMean(lower, in: QueryField.prefixes),
                    column: column)
            }
        }
        let kind: QueryTerm.Kind = word.contains(where: { $0 == "*" || $0 == "?" }) ? .wildcard : .word
        tokens.append((.term(try makeTerm(field: .any, kind: kind, text: word, column: column)), column))
        return end
    }

    /// A `prefix:value` token; `value` may be empty when a phrase or a group follows.
    private mutating func prefixed(
        _ prefix: String, written: String, value: String, column: Int, end: Int
    ) throws(QueryError) -> Int {
        var end = end
        var value = value
        var kind: QueryTerm.Kind = .word
        if value.isEmpty {
            if end < scalars.count && scalars[end] == "\"" {
                let (text, next) = try phrase(at: end)
                value = text
                kind = .phrase
                end = next
            } else if end < scalars.count && scalars[end] == "(" && prefix != "raw" && prefix != "entity" {
                tokens.append((.fieldGroup(QueryField(rawValue: prefix)!, written: written), column))
                return end + 1
            } else {
                throw QueryError("`\(written):` needs a term or a \"phrase\" right after it", column: column)
            }
        } else if value.contains(where: { $0 == "*" || $0 == "?" }) {
            kind = .wildcard
        }
        switch prefix {
        case "raw":
            kind = .raw
        case "entity":
            kind = .entity
        default:
            break
        }
        let field = QueryField(rawValue: prefix) ?? .any
        let display =
            kind == .phrase || kind == .raw && end > 0 && scalars[end - 1] == "\""
            ? "\(written):\"\(value)\"" : "\(written):\(value)"
        var term = try makeTerm(field: field, kind: kind, text: value, column: column)
        term.display = display
        tokens.append((.term(term), column))
        return end
    }

    /// Builds and checks a term.
    private func makeTerm(field: QueryField, kind: QueryTerm.Kind, text: String, column: Int) throws(QueryError)
        -> QueryTerm
    {
        let display = kind == .phrase ? "\"\(text)\"" : text
        let term = QueryTerm(field: field, kind: kind, text: text, display: display, column: column)
        switch kind {
        case .entity:
            if let entities, !entities.contains(text) {
                throw QueryError(
                    "unknown entity `\(text)`"
                        + (entities.isEmpty
                            ? " (no [[entity]] is defined)"
                            : Self.didYouMean(text, in: entities)),
                    column: column)
            }
            return term
        case .wildcard:
            guard field == .any || field == .title || field == .text || field == .author else {
                throw QueryError("`\(field.rawValue):` does not take wildcards", column: column)
            }
            let prefix = String(text.prefix { $0 != "*" && $0 != "?" })
            let folded = TermFold.fold(prefix)
            let letters = folded.filter { $0 != FoldedText.marker && $0 & 0xC0 != 0x80 }.count
            guard letters >= 2 else {
                throw QueryError("a wildcard needs at least 2 letters before the first `*` or `?`", column: column)
            }
            guard text.allSatisfy({ $0 == "*" || $0 == "?" || !$0.isWhitespace }) else {
                throw QueryError("a wildcard cannot span words", column: column)
            }
            return term
        default:
            break
        }
        switch field {
        case .domain:
            let host = text.lowercased()
            guard !host.contains("/"), !host.contains(":"), host.contains("."),
                host.unicodeScalars.allSatisfy({ !$0.properties.isWhitespace })
            else {
                throw QueryError(
                    "`domain:` takes a host name like `acme.com`, got `\(text)`", column: column)
            }
        case .source, .lang:
            guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
                throw QueryError("`\(field.rawValue):` takes one word, got \"\(text)\"", column: column)
            }
        default:
            if kind == .raw {
                guard !text.isEmpty else { throw QueryError("the raw phrase is empty", column: column) }
            } else if TermFold.fold(text).isEmpty {
                throw QueryError("the term `\(text)` folds to nothing", column: column)
            } else if text == "#" || text == "@" {
                throw QueryError("`\(text)` needs a name right after it, like `\(text)acme`", column: column)
            }
        }
        return term
    }

    // MARK: - Parser

    private var current: (token: Token, column: Int)? { index < tokens.count ? tokens[index] : nil }

    private func startsOperand(_ token: Token) -> Bool {
        switch token {
        case .open, .not, .minus, .term, .fieldGroup: true
        default: false
        }
    }

    private static func name(_ token: Token) -> String {
        switch token {
        case .open: "`(`"
        case .close: "`)`"
        case .and: "`AND`"
        case .or: "`OR`"
        case .not: "`NOT`"
        case .minus: "`-`"
        case .near(_, _, let written): "`\(written)`"
        case .term(let term): "`\(term.display)`"
        case .fieldGroup(_, let written): "`\(written):(`"
        }
    }

    /// Requires an operand after the operator at `column`.
    private func requireOperand(after operatorName: String) throws(QueryError) {
        guard let next = current else {
            throw QueryError("\(operatorName) needs a term after it", column: endColumn)
        }
        guard startsOperand(next.token) else {
            throw QueryError(
                "\(operatorName) needs a term after it, found \(Self.name(next.token))", column: next.column)
        }
    }

    private mutating func parseOr() throws(QueryError) -> QueryNode {
        var operands = [try parseAnd()]
        while let token = current, token.token == .or {
            index += 1
            try requireOperand(after: "`OR`")
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    private mutating func parseAnd() throws(QueryError) -> QueryNode {
        var operands = [try parseUnary()]
        while let token = current {
            if token.token == .and {
                index += 1
                try requireOperand(after: "`AND`")
            } else if !startsOperand(token.token) {
                break
            }
            operands.append(try parseUnary())
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private mutating func parseUnary() throws(QueryError) -> QueryNode {
        guard let token = current else { throw QueryError("expected a term", column: endColumn) }
        if token.token == .not || token.token == .minus {
            index += 1
            try requireOperand(after: token.token == .not ? "`NOT`" : "`-`")
            return .not(try parseUnary())
        }
        return try parseNear()
    }

    private mutating func parseNear() throws(QueryError) -> QueryNode {
        var left = try parsePrimary()
        while let token = current, case .near(let distance, let ordered, let written) = token.token {
            index += 1
            try requireOperand(after: "`\(written)`")
            let operandColumn = current!.column
            let right = try parsePrimary()
            try checkNearOperand(left, written: written, column: token.column)
            try checkNearOperand(right, written: written, column: operandColumn)
            left = .near(left, right, distance: distance, ordered: ordered)
        }
        return left
    }

    /// A `NEAR` operand must be a textual term or an `OR` of them.
    private func checkNearOperand(_ node: QueryNode, written: String, column: Int) throws(QueryError) {
        switch node {
        case .term(let term):
            guard term.field.isTextual || term.kind == .entity else {
                throw QueryError(
                    "`\(written)` needs words with positions; `\(term.field.rawValue):` has none",
                    column: term.column)
            }
        case .or(let nodes):
            for node in nodes { try checkNearOperand(node, written: written, column: column) }
        default:
            throw QueryError(
                "`\(written)` joins terms, phrases or (a OR b) groups, not AND, NOT or another NEAR", column: column)
        }
    }

    private mutating func parsePrimary() throws(QueryError) -> QueryNode {
        guard let (token, column) = current else { throw QueryError("expected a term", column: endColumn) }
        switch token {
        case .open, .fieldGroup:
            index += 1
            if case .fieldGroup(let field, _) = token { fieldContext.append(field) }
            guard let next = current else { throw QueryError("`(` is never closed", column: column) }
            if next.token == .close { throw QueryError("empty parentheses", column: column) }
            let node = try parseOr()
            guard let close = current, close.token == .close else {
                throw QueryError("`(` is never closed", column: column)
            }
            index += 1
            if case .fieldGroup = token { fieldContext.removeLast() }
            return node
        case .term(var term):
            index += 1
            if term.field == .any, term.kind != .entity, let field = fieldContext.last {
                guard term.kind != .wildcard || field.isTextual && field != .url else {
                    throw QueryError("`\(field.rawValue):` does not take wildcards", column: column)
                }
                term.field = field
            }
            return .term(term)
        case .close:
            throw QueryError("unexpected `)`: there is no `(` to close", column: column)
        case .and, .or, .near:
            throw QueryError("\(Self.name(token)) needs a term before it", column: column)
        case .not, .minus:
            throw QueryError("expected a term", column: column)
        }
    }

    // MARK: - Suggestions

    /// ` (did you mean `x:`?)` when a known name is close to `word`.
    static func didYouMean(_ word: String, in candidates: [String]) -> String {
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(Array(word), Array(candidate))
            if distance <= max(1, (candidate.count + 1) / 3), distance < best?.1 ?? .max {
                best = (candidate, distance)
            }
        }
        guard let best else { return "" }
        return QueryField.prefixes.contains(best.0) && candidates == QueryField.prefixes
            ? "; did you mean `\(best.0):`?" : "; did you mean `\(best.0)`?"
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var row = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
