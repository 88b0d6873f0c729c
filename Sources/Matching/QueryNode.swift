/// A parsed boolean query.
public indirect enum QueryNode: Sendable, Hashable {
    /// A term must occur.
    case term(QueryTerm)
    /// Every operand must hold.
    case and([QueryNode])
    /// At least one operand must hold.
    case or([QueryNode])
    /// The operand must not hold.
    case not(QueryNode)
    /// An occurrence of the left operand and one of the right operand in the same field with at most
    /// `distance` words between them; with `ordered`, the left one first. Operands are terms or `OR` groups of
    /// terms.
    case near(QueryNode, QueryNode, distance: Int, ordered: Bool)

    /// The terms of this node, left to right, with whether each sits under a `NOT`.
    func terms(negated: Bool = false) -> [(term: QueryTerm, negated: Bool)] {
        switch self {
        case .term(let term): [(term, negated)]
        case .and(let nodes), .or(let nodes): nodes.flatMap { $0.terms(negated: negated) }
        case .not(let node): node.terms(negated: !negated)
        case .near(let left, let right, _, _): left.terms(negated: negated) + right.terms(negated: negated)
        }
    }

    /// Whether the node can only hold when some term occurs (so it cannot match by exclusion alone).
    var needsPositiveTerm: Bool {
        switch self {
        case .term: true
        case .and(let nodes): nodes.contains { $0.needsPositiveTerm }
        case .or(let nodes): nodes.allSatisfy { $0.needsPositiveTerm }
        case .not: false
        case .near: true
        }
    }
}
