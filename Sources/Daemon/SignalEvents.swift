import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Turns SIGHUP into `.reload` and SIGTERM/SIGINT into `.terminate` on an `EventQueue`.
final class SignalEvents {
    private let sources: [any DispatchSourceSignal]

    init(posting queue: EventQueue) {
        var sources: [any DispatchSourceSignal] = []
        for (number, event) in [(SIGHUP, DaemonEvent.reload), (SIGTERM, .terminate), (SIGINT, .terminate)] {
            // The default action would kill the process before the dispatch source sees the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { queue.post(event) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Stops listening and restores the default actions.
    func cancel() {
        for source in sources { source.cancel() }
        for number in [SIGHUP, SIGTERM, SIGINT] { signal(number, SIG_DFL) }
    }
}
