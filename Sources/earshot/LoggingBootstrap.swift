import Daemon
import Logging
import Synchronization

/// `LoggingSystem.bootstrap` may run only once per process.
enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func once(level: Logger.Level) {
        done.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in LogfmtLogHandler(label: label, level: level) }
        }
    }
}
