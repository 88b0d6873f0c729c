import EarshotCore

/// Decides who hears about each mention: every ambassador whose expertise shares a tag with the watch and who
/// has room; when none of them has room (or none fits), the fallback ambassador. A mention is never dropped.
///
/// The router is pure: loads come in, assignments and new loads go out. The caller reads loads from the store
/// (assignments in the last 24 hours) and writes assignments back in the same transaction as the posts.
public struct Router: Sendable {
    public let ambassadors: [Ambassador]
    public let fallback: String
    private let byTag: [String: [Int]]

    /// `fallback` gets what nobody else can take; it has no capacity limit, so nothing is ever dropped.
    public init(ambassadors: [Ambassador], fallback: String) {
        self.ambassadors = ambassadors
        self.fallback = fallback
        var byTag: [String: [Int]] = [:]
        for (index, ambassador) in ambassadors.enumerated() {
            for tag in ambassador.expertise { byTag[tag, default: []].append(index) }
        }
        self.byTag = byTag
    }

    /// Routes one mention, updating `load` (mentions per ambassador in the current window).
    public func route(_ mention: Mention, load: inout Load) -> Decision {
        var fitting = Set<Int>()
        for tag in mention.tags { fitting.formUnion(byTag[tag] ?? []) }
        var decision = Decision()
        for index in fitting.sorted() {
            let ambassador = ambassadors[index]
            if load[ambassador.id] < ambassador.capacity {
                load.add(ambassador.id)
                decision.assignments.append(Assignment(ambassador: ambassador.id, mention: mention, reason: .expertise))
            } else {
                decision.full.append(ambassador.id)
            }
        }
        if decision.assignments.isEmpty {
            let reason: Assignment.Reason = fitting.isEmpty ? .unclaimed : .overflow
            load.add(fallback)
            decision.assignments.append(Assignment(ambassador: fallback, mention: mention, reason: reason))
        }
        return decision
    }
}

extension Router {
    /// Mentions per ambassador in the current window.
    public struct Load: Sendable, Equatable {
        public private(set) var counts: [String: Int]

        public init(_ counts: [String: Int] = [:]) {
            self.counts = counts
        }

        public subscript(ambassador: String) -> Int { counts[ambassador, default: 0] }

        mutating func add(_ ambassador: String) {
            counts[ambassador, default: 0] += 1
        }
    }

    /// The outcome for one mention.
    public struct Decision: Sendable, Equatable {
        /// Who gets it: never empty.
        public var assignments: [Assignment] = []
        /// Fitting ambassadors skipped because they were at capacity.
        public var full: [String] = []
    }
}
