import Foundation
import Synchronization

/// Whether the daemon is doing its job: healthy while poll cycles happen when they are due.
///
/// After each cycle the daemon records when the next one is due; `/healthz` turns unhealthy once that moment is
/// more than `grace` past without a finished cycle (a stuck loop, a hung store), or when no cycle finished within
/// `grace` of start.
public final class Health: Sendable {
    private struct State {
        var started = Date()
        var lastCycle: Date?
        var nextDue: Date?
        var grace: TimeInterval
    }

    private let state: Mutex<State>

    public init(grace: TimeInterval) {
        state = Mutex(State(grace: grace))
    }

    /// Records a finished cycle and when the next one is due.
    public func cycleFinished(at date: Date = Date(), nextDue: Date?) {
        state.withLock {
            $0.lastCycle = date
            $0.nextDue = nextDue
        }
    }

    /// Healthy, and a one-line reason either way.
    public func check(now: Date = Date()) -> (healthy: Bool, reason: String) {
        state.withLock { state in
            guard let last = state.lastCycle else {
                let waiting = Int(now.timeIntervalSince(state.started))
                return now.timeIntervalSince(state.started) <= state.grace
                    ? (true, "starting: no cycle finished yet (\(waiting)s)")
                    : (false, "no cycle finished in \(waiting)s since start")
            }
            let age = Int(now.timeIntervalSince(last))
            if let due = state.nextDue, now.timeIntervalSince(due) > state.grace {
                return (false, "a cycle was due \(Int(now.timeIntervalSince(due)))s ago; last one finished \(age)s ago")
            }
            return (true, "last cycle finished \(age)s ago")
        }
    }
}
