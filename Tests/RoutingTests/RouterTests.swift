import EarshotCore
import Testing

@testable import Routing

private func mention(_ id: String, tags: [String]) -> Mention {
    Mention(post: Post(source: "s", id: id), watch: "w", terms: ["acme"], tags: tags, snippet: "")
}

private let team = [
    Ambassador(id: "ana", expertise: ["cloud", "support"], capacity: 2),
    Ambassador(id: "ben", expertise: ["cloud"], capacity: 1),
    Ambassador(id: "cai", expertise: ["billing"], capacity: 5),
    Ambassador(id: "comms", expertise: [], capacity: 0),
]

@Test func everyFittingAmbassadorWithRoomGetsTheMention() {
    let router = Router(ambassadors: team, fallback: "comms")
    var load = Router.Load()
    let decision = router.route(mention("1", tags: ["cloud"]), load: &load)
    #expect(decision.assignments.map(\.ambassador) == ["ana", "ben"])
    #expect(decision.assignments.allSatisfy { $0.reason == .expertise })
    #expect(load["ana"] == 1 && load["ben"] == 1 && load["cai"] == 0)
}

@Test func aFullAmbassadorIsSkippedWhileAnotherFittingOneHasRoom() {
    let router = Router(ambassadors: team, fallback: "comms")
    var load = Router.Load(["ben": 1])
    let decision = router.route(mention("1", tags: ["cloud"]), load: &load)
    #expect(decision.assignments.map(\.ambassador) == ["ana"])
    #expect(decision.full == ["ben"])
}

@Test func whenEveryFittingAmbassadorIsFullTheFallbackGetsItAsOverflow() {
    let router = Router(ambassadors: team, fallback: "comms")
    var load = Router.Load()
    var receivers: [[String]] = []
    for index in 0..<4 {
        receivers.append(router.route(mention("\(index)", tags: ["cloud"]), load: &load).assignments.map(\.ambassador))
    }
    #expect(receivers == [["ana", "ben"], ["ana"], ["comms"], ["comms"]])
    let last = router.route(mention("9", tags: ["support"]), load: &load)
    #expect(
        last.assignments == [
            Assignment(ambassador: "comms", mention: mention("9", tags: ["support"]), reason: .overflow)
        ])
    #expect(last.full == ["ana"])
    #expect(load["comms"] == 3)
}

@Test func aMentionNobodyFitsGoesToTheFallbackAsUnclaimed() {
    let router = Router(ambassadors: team, fallback: "comms")
    var load = Router.Load()
    let decision = router.route(mention("1", tags: ["legal"]), load: &load)
    #expect(decision.assignments.map(\.ambassador) == ["comms"])
    #expect(decision.assignments.first?.reason == .unclaimed)
    #expect(decision.full.isEmpty)
}

@Test func capacityNeverExceededOverManyMentions() {
    let router = Router(ambassadors: team, fallback: "comms")
    var load = Router.Load()
    var delivered = 0
    for index in 0..<100 {
        let decision = router.route(mention("\(index)", tags: ["cloud", "billing"]), load: &load)
        #expect(!decision.assignments.isEmpty)
        delivered += decision.assignments.count
    }
    #expect(load["ana"] == 2 && load["ben"] == 1 && load["cai"] == 5)
    #expect(load["comms"] == 100 - 5)
    #expect(delivered == 2 + 1 + 5 + 95)
}
