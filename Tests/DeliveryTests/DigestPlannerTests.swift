import EarshotCore
import Foundation
import Testing

@testable import Delivery

/// A UTC instant from `2026-03-07T13:00:00Z`.
private func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text)!
}

private func zone(_ name: String) -> TimeZone { TimeZone(identifier: name)! }

@Suite struct DigestPlannerTests {
    @Test func immediateIsDueAtOnceAndUrgentSkipsTheSchedule() {
        let planner = DigestPlanner(schedule: .immediate, timeZone: zone("Europe/Lisbon"))
        let at = utc("2026-11-22T10:17:00Z")
        #expect(planner.due(assignedAt: at) == at)
        let daily = DigestPlanner(schedule: DigestSchedule(parsing: "daily 08:30")!, timeZone: zone("Europe/Lisbon"))
        #expect(daily.due(assignedAt: at, urgent: true) == at)
        #expect(daily.due(assignedAt: at) == utc("2026-11-23T08:30:00Z"))
    }

    @Test func dailyDigestsFollowEachPersonsTimeZone() {
        let assigned = utc("2026-11-22T10:00:00Z")
        // 08:30 in São Paulo (UTC-3) is 11:30 UTC the same day; in Tokyo (UTC+9) 08:30 is 23:30 UTC the same day.
        let paulo = DigestPlanner(schedule: .daily(TimeOfDay(hour: 8, minute: 30)), timeZone: zone("America/Sao_Paulo"))
        #expect(paulo.due(assignedAt: assigned) == utc("2026-11-22T11:30:00Z"))
        let tokyo = DigestPlanner(schedule: .daily(TimeOfDay(hour: 8, minute: 30)), timeZone: zone("Asia/Tokyo"))
        #expect(tokyo.due(assignedAt: assigned) == utc("2026-11-22T23:30:00Z"))
        // Exactly on the slot: due then, not a day later.
        #expect(tokyo.due(assignedAt: utc("2026-11-22T23:30:00Z")) == utc("2026-11-22T23:30:00Z"))
    }

    @Test func hourlyAndWeeklySlots() {
        let hourly = DigestPlanner(schedule: .hourly, timeZone: zone("Asia/Kolkata"))
        // Kolkata is UTC+5:30: its top of the hour is at :30 UTC.
        #expect(hourly.due(assignedAt: utc("2026-11-22T10:17:00Z")) == utc("2026-11-22T10:30:00Z"))
        let weekly = DigestPlanner(
            schedule: DigestSchedule(parsing: "weekly mon 08:30")!, timeZone: zone("Europe/Berlin"))
        // Sunday 22 Nov 2026 → Monday 23 Nov, 08:30 CET = 07:30 UTC.
        #expect(weekly.due(assignedAt: utc("2026-11-22T10:00:00Z")) == utc("2026-11-23T07:30:00Z"))
        // Just after Monday's slot → the next Monday.
        #expect(weekly.due(assignedAt: utc("2026-11-23T07:31:00Z")) == utc("2026-11-30T07:30:00Z"))
    }

    @Test func dailyDigestsKeepLocalTimeAcrossADaylightSavingChange() {
        // New York moves from EST (UTC-5) to EDT (UTC-4) on Sunday 8 March 2026.
        let planner = DigestPlanner(
            schedule: .daily(TimeOfDay(hour: 8, minute: 30)), timeZone: zone("America/New_York"))
        let saturday = planner.due(assignedAt: utc("2026-03-07T12:00:00Z"))
        #expect(saturday == utc("2026-03-07T13:30:00Z"))
        let sunday = planner.due(assignedAt: saturday.addingTimeInterval(1))
        #expect(sunday == utc("2026-03-08T12:30:00Z"))
        // Only 23 hours between the two 08:30s.
        #expect(sunday.timeIntervalSince(saturday) == 23 * 3600)
        // A slot inside the skipped hour (02:30 does not exist that night) moves to the next valid time.
        let night = DigestPlanner(schedule: .daily(TimeOfDay(hour: 2, minute: 30)), timeZone: zone("America/New_York"))
        let skipped = night.due(assignedAt: utc("2026-03-08T05:00:00Z"))
        #expect(skipped > utc("2026-03-08T06:59:00Z") && skipped <= utc("2026-03-08T07:30:00Z"))
    }

    @Test func quietHoursHoldUntilTheyEndEvenForUrgentMentions() {
        let quiet = QuietHours(parsing: "22:00-07:00")!
        let planner = DigestPlanner(schedule: .immediate, timeZone: zone("Europe/Lisbon"), quietHours: quiet)
        // Lisbon is UTC+0 in November: 23:15 is quiet, held until 07:00.
        #expect(planner.due(assignedAt: utc("2026-11-22T23:15:00Z"), urgent: true) == utc("2026-11-23T07:00:00Z"))
        #expect(planner.due(assignedAt: utc("2026-11-23T03:00:00Z")) == utc("2026-11-23T07:00:00Z"))
        #expect(planner.due(assignedAt: utc("2026-11-23T07:00:00Z")) == utc("2026-11-23T07:00:00Z"))
        #expect(planner.due(assignedAt: utc("2026-11-22T21:59:00Z")) == utc("2026-11-22T21:59:00Z"))
        #expect(planner.isQuiet(at: utc("2026-11-22T22:00:00Z")))
        // In summer Lisbon is UTC+1: 22:00 local is 21:00 UTC.
        #expect(planner.isQuiet(at: utc("2026-07-01T21:30:00Z")))
        #expect(!planner.isQuiet(at: utc("2026-11-22T21:30:00Z")))
        // A daily slot inside quiet hours waits for the end of them.
        let early = DigestPlanner(
            schedule: .daily(TimeOfDay(hour: 6, minute: 0)), timeZone: zone("Asia/Tokyo"), quietHours: quiet)
        #expect(early.due(assignedAt: utc("2026-11-22T10:00:00Z")) == utc("2026-11-22T22:00:00Z"))
    }

    @Test func schedulesParseTheirConfigForms() {
        #expect(DigestSchedule(parsing: "immediate") == .immediate)
        #expect(DigestSchedule(parsing: "hourly") == .hourly)
        #expect(DigestSchedule(parsing: "daily 08:30") == .daily(TimeOfDay(hour: 8, minute: 30)))
        #expect(DigestSchedule(parsing: "weekly mon 08:30") == .weekly(weekday: 2, TimeOfDay(hour: 8, minute: 30)))
        for bad in ["daily", "daily 25:00", "daily 8:3", "weekly funday 08:30", "monthly", "weekly mon"] {
            #expect(DigestSchedule(parsing: bad) == nil, "\(bad)")
        }
        #expect(QuietHours(parsing: "22:00-07:00")?.contains(minutes: 23 * 60) == true)
        #expect(QuietHours(parsing: "22:00-07:00")?.contains(minutes: 12 * 60) == false)
        #expect(QuietHours(parsing: "12:00-13:00")?.contains(minutes: 12 * 60 + 30) == true)
        #expect(QuietHours(parsing: "22:00") == nil && QuietHours(parsing: "07:00-07:00") == nil)
        #expect(DayRange(from: "2026-12-20", to: "2027-01-04") != nil)
        #expect(DayRange(from: "2027-01-04", to: "2026-12-20") == nil)
        #expect(DayRange(from: "2026-02-30", to: "2026-03-01") == nil)
    }
}
