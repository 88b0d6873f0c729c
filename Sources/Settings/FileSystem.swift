#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The little file system access loading needs: read a UTF-8 file, expand a glob.
enum FileSystem {
    /// The file's text, or a reason it could not be read (`No such file or directory`).
    static func readText(atPath path: String) -> Result<String, ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(ReadFailure(reason: errnoDescription())) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(reason: errnoDescription()))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > 16 * 1_048_576 { return .failure(ReadFailure(reason: "file is larger than 16 MiB")) }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(ReadFailure(reason: "not valid UTF-8"))
        }
        return .success(text)
    }

    /// Paths matching an absolute glob `pattern`, sorted; empty when nothing matches.
    static func expandGlob(_ pattern: String) -> Result<[String], ReadFailure> {
        var result = glob_t()
        defer { globfree(&result) }
        let status = pattern.withCString { glob($0, 0, nil, &result) }
        switch status {
        case 0:
            return .success(
                (0..<Int(result.gl_pathc)).compactMap { index in
                    result.gl_pathv[index].map { String(cString: $0) }
                })
        case GLOB_NOMATCH:
            return .success([])
        case GLOB_ABORTED:
            return .failure(ReadFailure(reason: "a folder could not be read"))
        default:
            return .failure(ReadFailure(reason: "glob failed"))
        }
    }

    /// `pattern` with glob metacharacters escaped, so it matches only itself.
    static func escapeGlob(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "*?[]\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func errnoDescription() -> String {
        String(cString: strerror(errno))
    }

    struct ReadFailure: Error {
        var reason: String
    }
}
