import Glibc

/// Starts and joins raw POSIX threads, so the server can wait for its threads to finish in `stop()`.
enum PosixThread {
    /// Holds the body while it crosses into the new thread as an opaque pointer.
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Starts a joinable thread running `body`; `nil` if the system refused.
    static func spawn(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { raw in
                guard let raw else { return nil }
                Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
                return nil
            }, box)
        guard result == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            return nil
        }
        return thread
    }

    /// Waits for `thread` to finish, unless it is the calling thread.
    static func join(_ thread: pthread_t) {
        guard pthread_equal(thread, pthread_self()) == 0 else {
            pthread_detach(thread)
            return
        }
        pthread_join(thread, nil)
    }

    /// Sleeps for `duration` (at most a few seconds per call is expected).
    static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || attoseconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR {
            request = remaining
        }
    }
}
