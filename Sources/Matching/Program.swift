/// A watch compiled to atoms: what the matcher evaluates for a post.
indirect enum Program: Sendable {
    /// The atom holds; `display` is the term as written.
    case atom(Int, display: String)
    case and([Program])
    case or([Program])
    case not(Program)
    /// An occurrence of one of `left` and one of `right` within `distance` words (`ordered`: left first).
    case near(left: [Int], right: [Int], distance: Int, ordered: Bool, display: String)

    /// Every atom, in order.
    var atoms: [Int] {
        switch self {
        case .atom(let atom, _): [atom]
        case .and(let nodes), .or(let nodes): nodes.flatMap(\.atoms)
        case .not(let node): node.atoms
        case .near(let left, let right, _, _, _): left + right
        }
    }

    /// Whether the program can hold only when some atom the automaton finds holds; when not, the watch is
    /// evaluated for every post.
    func needsText(textual: (Int) -> Bool) -> Bool {
        switch self {
        case .atom(let atom, _): textual(atom)
        case .and(let nodes): nodes.contains { $0.needsText(textual: textual) }
        case .or(let nodes): nodes.allSatisfy { $0.needsText(textual: textual) }
        case .not: false
        case .near: true
        }
    }

    /// Whether the program holds as soon as one of its atoms holds: an atom, or an `OR` of such programs (an
    /// `any` list), whatever the atoms are.
    var holdsWithAnyAtom: Bool {
        switch self {
        case .atom: true
        case .or(let nodes): nodes.allSatisfy(\.holdsWithAnyAtom)
        case .and(let nodes): nodes.count == 1 && nodes[0].holdsWithAnyAtom
        case .not, .near: false
        }
    }

    /// Whether the program has a `NEAR` or `ONEAR` anywhere.
    var hasProximity: Bool {
        switch self {
        case .atom: false
        case .and(let nodes), .or(let nodes): nodes.contains { $0.hasProximity }
        case .not(let node): node.hasProximity
        case .near: true
        }
    }
}
