/// One step of a ``Program`` laid out flat, in prefix order: what ``PostScan/evaluate(watch:)``
/// walks for every candidate watch, reading plain integers instead of the nested enum (whose cases would be
/// retained and released at every step).
struct ProgramStep: Sendable {
    enum Kind: UInt8, Sendable {
        /// `value` is the atom.
        case atom
        /// `value` children follow.
        case and, or
        /// One child follows.
        case not
        /// `value` indexes the watch's proximity tests.
        case near
    }

    var kind: Kind
    var value: Int32
    /// Steps in this subtree, this one included.
    var size: Int32

    /// The steps of `program`, and its proximity tests in order.
    static func flatten(_ program: Program) -> (steps: [ProgramStep], nears: [Program]) {
        var steps: [ProgramStep] = []
        var nears: [Program] = []
        func add(_ program: Program) {
            let index = steps.count
            switch program {
            case .atom(let atom, _):
                steps.append(ProgramStep(kind: .atom, value: Int32(atom), size: 1))
            case .and(let children), .or(let children):
                let kind: Kind
                if case .and = program { kind = .and } else { kind = .or }
                steps.append(ProgramStep(kind: kind, value: Int32(children.count), size: 0))
                for child in children { add(child) }
            case .not(let child):
                steps.append(ProgramStep(kind: .not, value: 1, size: 0))
                add(child)
            case .near:
                steps.append(ProgramStep(kind: .near, value: Int32(nears.count), size: 1))
                nears.append(program)
            }
            steps[index].size = Int32(steps.count - index)
        }
        add(program)
        return (steps, nears)
    }
}
