import EarshotCore
import Foundation
import Testing

@testable import Routing

private func mention(_ id: String, watch: String = "w", tags: [String]) -> Mention {
    Mention(post: Post(source: "s", id: id), watch: watch, terms: ["acme"], tags: tags, snippet: "")
}

private let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

@Suite struct RoutePolicyTests {
    let team = [
        Ambassador(id: "ana", expertise: ["cloud", "support"], capacity: 3),
        Ambassador(id: "ben", expertise: ["cloud"], capacity: 3),
        Ambassador(id: "cai", expertise: ["cloud"], capacity: 1),
        Ambassador(id: "comms", expertise: [], capacity: 0),
    ]

    @Test func routeOnePrefersTheMostSharedTagsThenTheLowestLoad() {
        let router = Router(ambassadors: team, fallback: "comms", policies: ["w": .one(fanout: 1)])
        var load = Router.Load()
        // ana shares two tags: she is first until full.
        var owners: [String] = []
        for index in 0..<6 {
            let decision = router.route(mention("\(index)", tags: ["cloud", "support"]), load: &load, now: now)
            #expect(decision.assignments.count == 1)
            owners.append(decision.assignments[0].ambassador)
        }
        // Then the lowest load against capacity: ben (0/3) and cai (0/1) tie, least recently assigned, then order;
        // after ben takes one (1/3), cai (0/1) is lower; then cai is full and ben takes the rest.
        #expect(owners == ["ana", "ana", "ana", "ben", "cai", "ben"])
        #expect(load["ana"] == 3 && load["ben"] == 2 && load["cai"] == 1)
    }

    @Test func routeOneBalancesLoadAndLeastRecentlyAssigned() {
        let even = [
            Ambassador(id: "a", expertise: ["x"], capacity: 10), Ambassador(id: "b", expertise: ["x"], capacity: 10),
            Ambassador(id: "c", expertise: ["x"], capacity: 10), Ambassador(id: "fb", expertise: [], capacity: 0),
        ]
        let router = Router(ambassadors: even, fallback: "fb", policies: ["w": .one(fanout: 1)])
        var load = Router.Load(
            ["a": 1, "b": 1, "c": 1],
            lastAssigned: [
                "a": now.addingTimeInterval(-10), "b": now.addingTimeInterval(-30), "c": now.addingTimeInterval(-20),
            ])
        var owners: [String] = []
        for index in 0..<3 {
            owners += router.route(
                mention("\(index)", tags: ["x"]), load: &load, now: now.addingTimeInterval(Double(index))
            )
            .assignments.map(\.ambassador)
        }
        #expect(owners == ["b", "c", "a"])
    }

    @Test func fanoutPicksSeveralOwnersAndOverflowsToTheNextWithRoomThenTheFallback() {
        let router = Router(ambassadors: team, fallback: "comms", policies: ["w": .one(fanout: 2)])
        var load = Router.Load(["ana": 3])
        let first = router.route(mention("1", tags: ["cloud"]), load: &load, now: now)
        // ana is full and ranks last: ben and cai take the two slots.
        #expect(Set(first.assignments.map(\.ambassador)) == ["ben", "cai"])
        #expect(first.full.isEmpty)
        // cai is full now too: one slot left for ben, the other overflows to the fallback.
        let second = router.route(mention("2", tags: ["cloud"]), load: &load, now: now)
        #expect(second.assignments.map(\.ambassador) == ["ben", "comms"])
        #expect(second.assignments.last?.reason == .overflow)
        #expect(Set(second.full) == ["ana", "cai"])
    }

    @Test func routeAllGivesEveryoneWithRoomAndTheFallbackOnlyWhenNobodyHasRoom() {
        let router = Router(ambassadors: team, fallback: "comms")
        var load = Router.Load(["ana": 3])
        let decision = router.route(mention("1", tags: ["cloud"]), load: &load, now: now)
        #expect(decision.assignments.map(\.ambassador) == ["ben", "cai"])
        var full = Router.Load(["ana": 3, "ben": 3, "cai": 1])
        let overflow = router.route(mention("2", tags: ["cloud"]), load: &full, now: now)
        #expect(overflow.assignments.map(\.ambassador) == ["comms"])
        #expect(overflow.assignments.first?.reason == .overflow)
    }

    @Test func weeklyCapacityLimitsToo() {
        let people = [
            Ambassador(id: "ana", expertise: ["x"], capacity: 10, capacityWeek: 12),
            Ambassador(id: "fb", expertise: [], capacity: 0),
        ]
        let router = Router(ambassadors: people, fallback: "fb", policies: ["w": .one(fanout: 1)])
        var load = Router.Load(["ana": 1], week: ["ana": 11])
        #expect(router.route(mention("1", tags: ["x"]), load: &load, now: now).assignments.map(\.ambassador) == ["ana"])
        #expect(router.route(mention("2", tags: ["x"]), load: &load, now: now).assignments.map(\.ambassador) == ["fb"])
    }

    @Test func awayAmbassadorsAreSkippedInTheirOwnTimeZone() {
        let holiday = DayRange(from: "2026-12-20", to: "2027-01-04")!
        let people = [
            Ambassador(
                id: "ana", expertise: ["x"], capacity: 10, timeZone: TimeZone(identifier: "Pacific/Auckland")!,
                away: [holiday]),
            Ambassador(id: "ben", expertise: ["x"], capacity: 10),
            Ambassador(id: "fb", expertise: [], capacity: 0),
        ]
        let router = Router(ambassadors: people, fallback: "fb", policies: ["w": .one(fanout: 1)])
        var load = Router.Load(["ben": 5])
        // 2026-12-19 12:00 UTC is already 20 December in Auckland (UTC+13): ana is away although ben is busier.
        let decision = router.route(
            mention("1", tags: ["x"]), load: &load, now: ISO8601DateFormatter().date(from: "2026-12-19T12:00:00Z")!)
        #expect(decision.assignments.map(\.ambassador) == ["ben"])
        #expect(decision.away == ["ana"])
        // Before that, ana (less loaded) gets it.
        let earlier = router.route(
            mention("2", tags: ["x"]), load: &load, now: ISO8601DateFormatter().date(from: "2026-12-19T10:00:00Z")!)
        #expect(earlier.assignments.map(\.ambassador) == ["ana"])
        // Everyone fitting away: the fallback, as overflow.
        let alone = Router(ambassadors: [people[0], people[2]], fallback: "fb")
        var empty = Router.Load()
        let fallback = alone.route(
            mention("3", tags: ["x"]), load: &empty, now: ISO8601DateFormatter().date(from: "2026-12-25T12:00:00Z")!)
        #expect(fallback.assignments.map(\.ambassador) == ["fb"] && fallback.assignments[0].reason == .overflow)
    }
}
