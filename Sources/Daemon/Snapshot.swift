import Curl
import Delivery
import EarshotCore
import Matching
import Routing
import Settings

/// A validated configuration compiled for use: the matcher, the router and the channels. Built whole beside the
/// running one on reload and swapped in only when complete, so a bad config never replaces a good one.
public struct Snapshot: Sendable {
    public let settings: Settings
    public let matcher: Matcher
    public let router: Router
    public let channels: [String: any Channel]
    public let recipients: [String: Recipient]
    /// Channel ids of each ambassador.
    public let channelsOf: [String: [String]]
    /// Digest schedule, time zone and quiet hours of each ambassador.
    public let planners: [String: DigestPlanner]
    /// Watches whose mentions skip digest schedules.
    public let urgentWatches: Set<String>

    /// Compiles `settings`; a watch the matcher rejects is reported as a config error at its location.
    public init(settings: Settings) throws(ConfigErrors) {
        self.settings = settings
        let definitions = settings.watches.map {
            WatchDefinition(id: $0.id, any: $0.any, all: $0.all, none: $0.none, tags: $0.tags, query: $0.query)
        }
        let entities = settings.entities.map {
            EntityDefinition(
                id: $0.id, names: $0.names, handles: $0.handles, hashtags: $0.hashtags, domains: $0.domains)
        }
        do {
            matcher = try Matcher(watches: definitions, entities: entities)
        } catch {
            let location = settings.watches.first { $0.id == error.watch }?.location
            throw ConfigErrors([
                ConfigError(
                    file: location?.file ?? settings.files.first ?? "config", line: location?.line ?? 1,
                    column: location?.column ?? 1, message: "watch \(error.watch): \(error)")
            ])
        }
        router = DeliveryCompiler.router(for: settings)
        channels = try DeliveryCompiler.channels(for: settings)
        planners = DeliveryCompiler.planners(for: settings)
        urgentWatches = Set(settings.watches.filter(\.urgent).map(\.id))
        var recipients: [String: Recipient] = [:]
        var channelsOf: [String: [String]] = [:]
        for ambassador in settings.ambassadors {
            recipients[ambassador.id] = Recipient(
                id: ambassador.id, name: ambassador.name, email: ambassador.email, expertise: ambassador.expertise)
            channelsOf[ambassador.id] = ambassador.channels
        }
        self.recipients = recipients
        self.channelsOf = channelsOf
    }

    /// Reads, validates and compiles the config at `path`.
    public static func load(path: String) throws(ConfigErrors) -> Snapshot {
        try Snapshot(settings: Settings.load(path: path))
    }

    /// The state database inside `[daemon] state_dir`.
    public var databasePath: String { settings.daemon.stateDir + "/earshot.sqlite" }

    /// The limits every feed transfer runs under.
    public var transferLimits: TransferLimits {
        let daemon = settings.daemon
        var limits = TransferLimits()
        limits.maxBody = daemon.maxBody
        limits.connectTimeout = daemon.connectTimeout
        limits.timeout = daemon.timeout
        limits.lowSpeedLimit = daemon.lowSpeedLimit
        limits.lowSpeedTime = daemon.lowSpeedTime
        limits.maxRedirects = daemon.maxRedirects
        return limits
    }

    /// The engine settings; a reload that changes them gets a new engine.
    public var engineConfiguration: CurlEngine.Configuration {
        CurlEngine.Configuration(
            concurrency: settings.daemon.concurrency, perHost: settings.daemon.perHost,
            userAgent: settings.daemon.userAgent, hostGap: settings.daemon.hostGap)
    }
}

extension Snapshot {
    /// `$EARSHOT_CONFIG` if set, else `/etc/earshot/earshot.toml`.
    public static func defaultConfigPath(environment: [String: String]) -> String {
        Settings.defaultPath(environment: environment)
    }

}
