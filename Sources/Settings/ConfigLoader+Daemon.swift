import EarshotCore
import TOML

extension ConfigLoader {
    static let daemonKeys = [
        "state_dir", "poll_interval", "concurrency", "per_host", "user_agent", "max_body", "connect_timeout", "timeout",
        "low_speed_limit", "low_speed_time", "max_redirects", "retention", "log_level", "include", "host_gap",
        "min_interval", "max_interval", "max_backoff", "listen", "templates",
    ]
    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// `[daemon]`; returns the include patterns with their positions.
    func readDaemon(_ table: TableReader) -> [(pattern: String, position: TOMLPosition)] {
        table.rejectUnknownKeys(allowed: Self.daemonKeys)
        var settings: DaemonSettings?
        if let (stateDir, _) = table.nonEmptyString("state_dir", required: true) {
            settings = DaemonSettings(stateDir: Path.absolute(stateDir, relativeTo: table.folder))
        }
        var daemon = settings ?? DaemonSettings(stateDir: "")
        if let value = table.duration("poll_interval") { daemon.pollInterval = value }
        if let value = table.integer("concurrency", minimum: 1) { daemon.concurrency = value }
        if let value = table.integer("per_host", minimum: 1) { daemon.perHost = value }
        if let (value, _) = table.nonEmptyString("user_agent") { daemon.userAgent = value }
        if let value = table.byteSize("max_body", minimum: 1) { daemon.maxBody = value }
        if let value = table.duration("connect_timeout") { daemon.connectTimeout = value }
        if let value = table.duration("timeout") { daemon.timeout = value }
        if let value = table.integer("low_speed_limit", minimum: 0) { daemon.lowSpeedLimit = value }
        if let value = table.duration("low_speed_time") { daemon.lowSpeedTime = value }
        if let value = table.integer("max_redirects", minimum: 0) { daemon.maxRedirects = value }
        if let value = table.duration("retention") { daemon.retention = value }
        if let value = table.duration("host_gap", allowZero: true) { daemon.hostGap = value }
        if let value = table.duration("min_interval") { daemon.minInterval = value }
        if let value = table.duration("max_interval") { daemon.maxInterval = value }
        if let value = table.duration("max_backoff") { daemon.maxBackoff = value }
        if let (value, position) = table.nonEmptyString("listen") {
            if ListenAddress(value) != nil {
                daemon.listen = value
            } else {
                table.report(
                    "listen", at: position, "`listen` must be HOST:PORT (e.g. \"127.0.0.1:9464\"), got \"\(value)\"")
            }
        }
        if let (value, position) = table.string("log_level") {
            if Self.logLevels.contains(value) {
                daemon.logLevel = value
            } else {
                table.report(
                    "log_level", at: position,
                    "`log_level` must be one of \(Self.logLevels.joined(separator: ", ")), got \"\(value)\""
                        + Suggestion.didYouMean(value, in: Self.logLevels))
            }
        }
        if let (folder, _) = table.nonEmptyString("templates") {
            daemon.templates = Path.absolute(folder, relativeTo: table.folder)
        }
        if settings != nil { self.daemon = daemon }
        return includePatterns(table)
    }

    private func includePatterns(_ table: TableReader) -> [(pattern: String, position: TOMLPosition)] {
        guard let entry = table.table.entry("include") else { return [] }
        if case .string(let pattern) = entry.node.value {
            guard !pattern.isEmpty else {
                table.report("include", at: entry.keyPosition, "`include` must not be empty")
                return []
            }
            return [(pattern, entry.keyPosition)]
        }
        return table.stringArray("include")?.map { ($0.value, $0.position) } ?? []
    }

    static let routingKeys = ["fallback", "default_capacity"]

    /// `[routing]`.
    func readRouting(_ table: TableReader) {
        table.rejectUnknownKeys(allowed: Self.routingKeys)
        if let (fallback, position) = table.nonEmptyString("fallback") {
            routing.fallback = fallback
            fallbackPosition = (table.file, position)
        }
        if let value = table.integer("default_capacity", minimum: 0) { routing.defaultCapacity = value }
    }
}
