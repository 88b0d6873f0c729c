import Synchronization

/// What the daemon's main loop reacts to.
enum DaemonEvent: Sendable, Equatable {
    /// SIGHUP: re-read the config.
    case reload
    /// SIGTERM or SIGINT: finish what is in hand and exit.
    case terminate
    /// The running poll cycle (and its delivery pass) is done.
    case cycleFinished
}

/// A queue of events with one waiter at a time, and a timeout for that wait.
final class EventQueue: Sendable {
    private struct State {
        var events: [DaemonEvent] = []
        var waiter: CheckedContinuation<DaemonEvent?, Never>?
        var timer: Task<Void, Never>?
        var token: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Hands `event` to the waiter, or queues it.
    func post(_ event: DaemonEvent) {
        state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                state.timer?.cancel()
                state.timer = nil
                waiter.resume(returning: event)
            } else {
                state.events.append(event)
            }
        }
    }

    /// The next event, or nil after `timeout` without one.
    func next(timeout: Duration) async -> DaemonEvent? {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                if !state.events.isEmpty {
                    continuation.resume(returning: state.events.removeFirst())
                    return
                }
                state.token += 1
                let token = state.token
                state.waiter = continuation
                state.timer = Task { [self] in
                    try? await Task.sleep(for: timeout)
                    self.expire(token)
                }
            }
        }
    }

    private func expire(_ token: UInt64) {
        state.withLock { state in
            guard state.token == token, let waiter = state.waiter else { return }
            state.waiter = nil
            state.timer = nil
            waiter.resume(returning: nil)
        }
    }
}
