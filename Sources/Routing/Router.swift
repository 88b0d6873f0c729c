import EarshotCore
import Foundation

/// Decides who hears about each mention. Per watch, either every ambassador whose expertise shares a tag with
/// the watch and who has room (``RoutePolicy/all``), or the best `fanout` of them (``RoutePolicy/one(fanout:)``).
/// Ambassadors who are away are skipped; a full one is passed over for the next fitting person with room; what
/// nobody fitting can take goes to the fallback ambassador. A mention is never dropped.
///
/// The router is pure: loads and the current time come in, assignments and new loads go out. The caller reads
/// loads from the store and writes assignments back in the same transaction as the posts.
public struct Router: Sendable {
    public let ambassadors: [Ambassador]
    public let fallback: String
    /// Route policy per watch id; watches not listed use ``RoutePolicy/all``.
    public let policies: [String: RoutePolicy]
    private let byTag: [String: [Int]]

    /// `fallback` gets what nobody else can take; it has no capacity limit, so nothing is ever dropped.
    public init(ambassadors: [Ambassador], fallback: String, policies: [String: RoutePolicy] = [:]) {
        self.ambassadors = ambassadors
        self.fallback = fallback
        self.policies = policies
        var byTag: [String: [Int]] = [:]
        for (index, ambassador) in ambassadors.enumerated() {
            for tag in ambassador.expertise { byTag[tag, default: []].append(index) }
        }
        self.byTag = byTag
    }

    /// Routes one mention at `now`, updating `load`.
    public func route(_ mention: Mention, load: inout Load, now: Date = Date()) -> Decision {
        var shared: [Int: Int] = [:]
        for tag in Set(mention.tags) {
            for index in byTag[tag] ?? [] { shared[index, default: 0] += 1 }
        }
        let fitting = shared.keys.sorted()
        var decision = Decision()
        var available: [Int] = []
        for index in fitting {
            if ambassadors[index].isAway(at: now) {
                decision.away.append(ambassadors[index].id)
            } else {
                available.append(index)
            }
        }
        switch policies[mention.watch] ?? .all {
        case .all:
            for index in available {
                let ambassador = ambassadors[index]
                if hasRoom(ambassador, load) {
                    load.add(ambassador.id, at: now)
                    decision.assignments.append(
                        Assignment(ambassador: ambassador.id, mention: mention, reason: .expertise))
                } else {
                    decision.full.append(ambassador.id)
                }
            }
            if decision.assignments.isEmpty {
                assignFallback(
                    mention, reason: fitting.isEmpty ? .unclaimed : .overflow, load: &load, now: now,
                    to: &decision)
            }
        case .one(let fanout):
            let ranked = available.sorted { left, right in
                let a = ambassadors[left]
                let b = ambassadors[right]
                if shared[left]! != shared[right]! { return shared[left]! > shared[right]! }
                let ratioA = loadRatio(a, load)
                let ratioB = loadRatio(b, load)
                if ratioA != ratioB { return ratioA < ratioB }
                let lastA = load.lastAssigned[a.id] ?? .distantPast
                let lastB = load.lastAssigned[b.id] ?? .distantPast
                if lastA != lastB { return lastA < lastB }
                return left < right
            }
            for index in ranked {
                guard decision.assignments.count < fanout else { break }
                let ambassador = ambassadors[index]
                if hasRoom(ambassador, load) {
                    load.add(ambassador.id, at: now)
                    decision.assignments.append(
                        Assignment(ambassador: ambassador.id, mention: mention, reason: .expertise))
                } else {
                    decision.full.append(ambassador.id)
                }
            }
            if fitting.isEmpty {
                assignFallback(mention, reason: .unclaimed, load: &load, now: now, to: &decision)
            } else if decision.assignments.count < min(fanout, fitting.count),
                !decision.assignments.contains(where: { $0.ambassador == fallback })
            {
                assignFallback(mention, reason: .overflow, load: &load, now: now, to: &decision)
            }
        }
        return decision
    }

    private func assignFallback(
        _ mention: Mention, reason: Assignment.Reason, load: inout Load, now: Date, to decision: inout Decision
    ) {
        load.add(fallback, at: now)
        decision.assignments.append(Assignment(ambassador: fallback, mention: mention, reason: reason))
    }

    /// Below capacity for the day and, when set, for the week.
    func hasRoom(_ ambassador: Ambassador, _ load: Load) -> Bool {
        guard load[ambassador.id] < ambassador.capacity else { return false }
        if let week = ambassador.capacityWeek, load.week[ambassador.id, default: 0] >= week { return false }
        return true
    }

    /// The fuller of the day and week loads, as a fraction of capacity.
    func loadRatio(_ ambassador: Ambassador, _ load: Load) -> Double {
        func ratio(_ count: Int, _ capacity: Int) -> Double {
            capacity <= 0 ? .infinity : Double(count) / Double(capacity)
        }
        var result = ratio(load[ambassador.id], ambassador.capacity)
        if let week = ambassador.capacityWeek {
            result = max(result, ratio(load.week[ambassador.id, default: 0], week))
        }
        return result
    }
}

extension Router {
    /// Assignments per ambassador in the capacity windows, and when each last got one.
    public struct Load: Sendable, Equatable {
        /// Mentions per ambassador in the last 24 hours.
        public private(set) var counts: [String: Int]
        /// Mentions per ambassador in the last 7 days.
        public private(set) var week: [String: Int]
        /// When each ambassador was last assigned a mention.
        public private(set) var lastAssigned: [String: Date]

        public init(_ counts: [String: Int] = [:], week: [String: Int] = [:], lastAssigned: [String: Date] = [:]) {
            self.counts = counts
            self.week = week
            self.lastAssigned = lastAssigned
        }

        /// Mentions in the last 24 hours.
        public subscript(ambassador: String) -> Int { counts[ambassador, default: 0] }

        mutating func add(_ ambassador: String, at date: Date = Date()) {
            counts[ambassador, default: 0] += 1
            week[ambassador, default: 0] += 1
            lastAssigned[ambassador] = date
        }
    }

    /// The outcome for one mention.
    public struct Decision: Sendable, Equatable {
        /// Who gets it: never empty.
        public var assignments: [Assignment] = []
        /// Fitting ambassadors skipped because they were at capacity.
        public var full: [String] = []
        /// Fitting ambassadors skipped because they are away.
        public var away: [String] = []
    }
}
