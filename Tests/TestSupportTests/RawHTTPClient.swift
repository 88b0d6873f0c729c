import Foundation
import Glibc

/// A minimal blocking HTTP/1.1 client over one TCP connection, for checking the server at the byte level.
final class RawHTTPClient {
    struct ClientError: Error, CustomStringConvertible {
        let description: String
    }

    /// One parsed response, with the bytes exactly as received.
    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]
        /// Everything received for this response, head and (still encoded) body.
        var raw: [UInt8]
        /// How many chunks a chunked body came in (0 when not chunked).
        var chunkCount: Int

        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads time out after `timeout` seconds.
    init(port: UInt16, timeout: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError(description: "socket failed") }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let result = Self.connect(fd: fd, port: port)
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw ClientError(description: "connect failed: errno \(code)")
        }
    }

    deinit { Glibc.close(fd) }

    /// `connect()`'s result (0, or -1 with `errno` set) for a fresh socket to 127.0.0.1:`port`.
    static func connect(fd: Int32, port: UInt16) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    static func canConnect(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { Glibc.close(fd) }
        return connect(fd: fd, port: port) == 0
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Sends a GET for `path` with optional extra header lines.
    func get(_ path: String, headers: [String] = []) throws -> Response {
        try send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n")
        return try readResponse()
    }

    /// Receives more bytes; `false` at end of stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw ClientError(description: "recv failed: errno \(errno)") }
        if count == 0 { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }

    /// Everything until the server closes the connection.
    func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { buffer = [] }
        return buffer
    }

    /// Whether the server has closed the connection (reads to the end).
    func isClosedByServer() -> Bool {
        (try? readToEnd()) != nil
    }

    private func readLine(into raw: inout [UInt8]) throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = Array(buffer[...newline])
                buffer.removeSubrange(...newline)
                raw += line
                return String(decoding: line, as: UTF8.self).trimmingCharacters(in: .newlines)
            }
            guard try fill() else { throw ClientError(description: "closed while reading a line") }
        }
    }

    private func readBytes(_ count: Int, into raw: inout [UInt8]) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw ClientError(description: "closed while reading \(count) bytes") }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeSubrange(..<count)
        raw += bytes
        return bytes
    }

    /// Reads one response (the server is assumed to answer a non-HEAD request).
    func readResponse(headRequest: Bool = false) throws -> Response {
        var raw: [UInt8] = []
        let statusLine = try readLine(into: &raw)
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else {
            throw ClientError(description: "bad status line: \(statusLine)")
        }
        var headers: [(String, String)] = []
        while true {
            let line = try readLine(into: &raw)
            if line.isEmpty { break }
            let colon = line.firstIndex(of: ":")!
            headers.append(
                (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = Response(status: status, headers: headers, body: [], raw: [], chunkCount: 0)
        if headRequest || status == 304 || status == 204 || (100..<200).contains(status) {
            response.raw = raw
            return response
        }
        if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            while true {
                let size = Int(try readLine(into: &raw), radix: 16)!
                if size == 0 {
                    _ = try readLine(into: &raw)
                    break
                }
                response.body += try readBytes(size, into: &raw)
                response.chunkCount += 1
                _ = try readLine(into: &raw)
            }
        } else if let length = response.header("Content-Length").flatMap({ Int($0) }) {
            response.body = try readBytes(length, into: &raw)
        } else {
            response.body = try readToEnd()
            raw += response.body
        }
        response.raw = raw
        return response
    }
}
