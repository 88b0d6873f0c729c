import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Speaks systemd's notify protocol: one datagram per message to `$NOTIFY_SOCKET` (a path, or an abstract socket
/// when it starts with `@`). No libsystemd. Without `$NOTIFY_SOCKET` every call does nothing.
public struct SystemdNotifier: Sendable {
    /// The socket address, or nil when not run by systemd with `Type=notify`.
    public let socketPath: String?
    /// Half of `$WATCHDOG_USEC`, when the watchdog is on for this process: how often to send `WATCHDOG=1`.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        socketPath = path
        var interval: Duration?
        if let text = environment["WATCHDOG_USEC"], let micros = Int64(text), micros > 0 {
            let forUs = environment["WATCHDOG_PID"].flatMap { Int32($0) }.map { $0 == getpid() } ?? true
            if forUs { interval = .microseconds(micros / 2) }
        }
        watchdogInterval = path == nil ? nil : interval
    }

    /// `READY=1`, with a status line.
    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }

    /// `RELOADING=1` with the `MONOTONIC_USEC=` systemd 253+ expects; follow it with `ready(status:)`.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let micros = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
        send("RELOADING=1\nMONOTONIC_USEC=\(micros)")
    }

    public func stopping() { send("STOPPING=1") }

    public func status(_ text: String) { send("STATUS=\(text)") }

    public func watchdog() { send("WATCHDOG=1") }

    /// Sends one datagram; failures are ignored (systemd may be gone while we stop).
    public func send(_ message: String) {
        guard let socketPath else { return }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in pathBytes.enumerated() { buffer[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes { buffer in
                    sendto(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
    }
}
