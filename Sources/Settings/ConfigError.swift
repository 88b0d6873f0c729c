import EarshotCore

/// One problem in the configuration, located at the key (or table header) it concerns.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (the main file), or the main file's folder joined with the include path.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// The key concerned, dotted from its table (`daemon.concurrency`, `source.url`), when there is one.
    public var key: String?
    /// What is wrong, as a sentence without location.
    public var message: String

    /// Creates an error at a file, line and column.
    public init(file: String, line: Int, column: Int, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// Creates an error at `location`.
    public init(at location: SourceLocation, key: String? = nil, message: String) {
        self.init(file: location.file, line: location.line, column: location.column, key: key, message: message)
    }

    /// Where the problem is.
    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// `FILE:LINE:COLUMN: message`, with passwords and tokens in any URL it quotes masked.
    public var description: String { "\(file):\(line):\(column): \(Redact.text(message))" }
}

/// Every problem found while loading a configuration.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    /// The problems, sorted by file (in the order the files were read: the main file first), then line and column.
    public var errors: [ConfigError]

    /// Wraps `errors`, sorting them by file, line and column. Files are ranked by their place in `fileOrder`
    /// (files not in it come last, by name).
    public init(_ errors: [ConfigError], fileOrder: [String] = []) {
        var rank: [String: Int] = [:]
        for (index, file) in fileOrder.enumerated() where rank[file] == nil { rank[file] = index }
        self.errors = errors.enumerated().sorted { left, right in
            let a = left.element
            let b = right.element
            let rankA = rank[a.file] ?? Int.max
            let rankB = rank[b.file] ?? Int.max
            if rankA != rankB { return rankA < rankB }
            if a.file != b.file { return a.file < b.file }
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            return left.offset < right.offset
        }.map(\.element)
    }

    /// One error per line, `FILE:LINE:COLUMN: message`.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
