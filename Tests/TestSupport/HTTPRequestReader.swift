import Foundation

/// Reads HTTP/1.1 requests one after another from a connected socket (keep-alive aware).
struct HTTPRequestReader {
    /// One request as read from the wire, before it gets its arrival time and connection number.
    struct Parsed {
        var method: String
        var target: String
        var version: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name }?.value
        }

        /// Whether the client asked to close the connection after this exchange.
        var wantsClose: Bool {
            let tokens = (header("connection") ?? "").lowercased().split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if tokens.contains("close") { return true }
            return version == "HTTP/1.0" && !tokens.contains("keep-alive")
        }
    }

    /// The outcome of reading one request.
    enum Outcome {
        case request(Parsed)
        /// The client closed the connection (or the server shut it down) between requests.
        case closed
        /// The bytes were not an HTTP request we can frame; answer 400 and close.
        case malformed
    }

    static let maxHeadBytes = 64 * 1024
    static let maxBodyBytes = 256 * 1024 * 1024

    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    /// Reads the next request; `sendContinue` is called when the client waits for `100 Continue`.
    mutating func next(sendContinue: () -> Void) -> Outcome {
        guard let headEnd = readHead() else {
            return buffer.isEmpty ? .closed : .malformed
        }
        let headBytes = Array(buffer[..<headEnd.start])
        buffer.removeSubrange(..<headEnd.end)
        guard var parsed = Self.parseHead(headBytes) else { return .malformed }

        let transferEncoding = parsed.header("transfer-encoding")?.lowercased() ?? ""
        let contentLength = parsed.header("content-length")
        let expectsBody = transferEncoding.contains("chunked") || (Int(contentLength ?? "0") ?? 0) > 0
        if expectsBody, buffer.isEmpty, parsed.header("expect")?.lowercased() == "100-continue" {
            sendContinue()
        }
        if transferEncoding.contains("chunked") {
            guard let body = readChunkedBody() else { return .malformed }
            parsed.body = body
        } else if let contentLength {
            guard let length = Int(contentLength.trimmingCharacters(in: .whitespaces)),
                length >= 0, length <= Self.maxBodyBytes, fill(toAtLeast: length)
            else { return .malformed }
            parsed.body = Array(buffer[..<length])
            buffer.removeSubrange(..<length)
        }
        return .request(parsed)
    }

    /// Receives more bytes into the buffer; `false` at end of stream.
    private mutating func fill() -> Bool {
        guard let more = SocketIO.receive(fd) else { return false }
        buffer.append(contentsOf: more)
        return true
    }

    private mutating func fill(toAtLeast count: Int) -> Bool {
        while buffer.count < count {
            guard fill() else { return false }
        }
        return true
    }

    /// Finds the blank line ending the head: `start` is where it begins, `end` just past it.
    private mutating func readHead() -> (start: Int, end: Int)? {
        var scanned = 0
        while true {
            // Skip stray CRLFs between requests (allowed by RFC 9112).
            while let first = buffer.first, first == 13 || first == 10 {
                buffer.removeFirst()
            }
            var index = max(0, scanned - 3)
            while index < buffer.count {
                if buffer[index] == 10 {
                    if index + 1 < buffer.count, buffer[index + 1] == 10 {
                        return (index, index + 2)
                    }
                    if index + 2 < buffer.count, buffer[index + 1] == 13, buffer[index + 2] == 10 {
                        return (index, index + 3)
                    }
                }
                index += 1
            }
            scanned = buffer.count
            guard buffer.count <= Self.maxHeadBytes, fill() else { return nil }
        }
    }

    /// Reads one line (without its CRLF) from the buffer, receiving more as needed.
    private mutating func readLine() -> [UInt8]? {
        var scanned = 0
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 10) {
                var line = Array(buffer[..<newline])
                if line.last == 13 { line.removeLast() }
                buffer.removeSubrange(...newline)
                return line
            }
            scanned = buffer.count
            guard buffer.count <= Self.maxHeadBytes, fill() else { return nil }
        }
    }

    private mutating func readChunkedBody() -> [UInt8]? {
        var body: [UInt8] = []
        while true {
            guard let line = readLine() else { return nil }
            let sizeText = String(decoding: line, as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0,
                body.count + size <= Self.maxBodyBytes
            else { return nil }
            if size == 0 {
                // Trailer fields, up to an empty line.
                while true {
                    guard let trailer = readLine() else { return nil }
                    if trailer.isEmpty { return body }
                }
            }
            guard fill(toAtLeast: size) else { return nil }
            body.append(contentsOf: buffer[..<size])
            buffer.removeSubrange(..<size)
            guard let end = readLine(), end.isEmpty else { return nil }
        }
    }

    static func parseHead(_ bytes: [UInt8]) -> Parsed? {
        // Split bytes, not Characters: in Swift "\r\n" is a single Character.
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 13 ? line.dropLast() : line, as: UTF8.self)
        }
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/") else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = String(line[..<colon])
            guard !name.isEmpty, !name.contains(" ") else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        return Parsed(
            method: String(requestLine[0]), target: String(requestLine[1]), version: String(requestLine[2]),
            headers: headers, body: [])
    }
}
