import Foundation
import Testing

@testable import Telemetry

@Test func healthFollowsTheCycles() {
    let start = Date()
    let health = Health(grace: 120)
    #expect(health.check(now: start.addingTimeInterval(60)).healthy)
    #expect(!health.check(now: start.addingTimeInterval(200)).healthy)
    health.cycleFinished(at: start.addingTimeInterval(200), nextDue: start.addingTimeInterval(1100))
    #expect(health.check(now: start.addingTimeInterval(210)).healthy)
    #expect(health.check(now: start.addingTimeInterval(1200)).healthy)
    let overdue = health.check(now: start.addingTimeInterval(1300))
    #expect(!overdue.healthy)
    #expect(overdue.reason.contains("due 200s ago"))
    health.cycleFinished(at: start.addingTimeInterval(1301), nextDue: start.addingTimeInterval(2200))
    #expect(health.check(now: start.addingTimeInterval(1302)).healthy)
}
