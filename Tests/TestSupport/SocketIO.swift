import Glibc

/// Blocking socket helpers that never raise SIGPIPE.
enum SocketIO {
    /// Sends every byte of `bytes`; `false` if the peer went away or the socket was shut down.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                if sent == 0 { return false }
                offset += sent
            }
            return true
        }
    }

    /// Reads whatever is available (blocking until something is); `nil` on end of stream or error.
    static func receive(_ fd: Int32, max: Int = 65536) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: max)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, max, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            chunk.removeSubrange(count...)
            return chunk
        }
    }

    /// Sets an integer socket option, ignoring failure.
    static func setOption(_ fd: Int32, level: Int32, name: Int32, value: Int32) {
        var value = value
        _ = setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }
}
