import EarshotCore

/// A complete, validated configuration: an immutable snapshot that the daemon swaps whole on reload.
public struct Settings: Sendable {
    public var daemon: DaemonSettings
    public var routing: RoutingSettings
    public var sources: [SourceSettings]
    public var watches: [WatchSettings]
    public var ambassadors: [AmbassadorSettings]
    public var channels: [ChannelSettings]
    /// Every file that was read to build this snapshot (the main file first, then includes in order).
    public var files: [String]
    /// `[[entity]]` tables that watch queries refer to as `entity:id`.
    public var entities: [EntitySettings] = []

    public init(
        daemon: DaemonSettings, routing: RoutingSettings, sources: [SourceSettings], watches: [WatchSettings],
        ambassadors: [AmbassadorSettings], channels: [ChannelSettings], files: [String]
    ) {
        self.daemon = daemon
        self.routing = routing
        self.sources = sources
        self.watches = watches
        self.ambassadors = ambassadors
        self.channels = channels
        self.files = files
    }
}

/// `[daemon]`: process-wide settings.
public struct DaemonSettings: Sendable, Equatable {
    /// Absolute path of the folder holding the SQLite state (`earshot.sqlite`).
    public var stateDir: String
    /// Default interval between polls of a source.
    public var pollInterval: Duration = .seconds(15 * 60)
    /// Transfers in flight at once.
    public var concurrency: Int = 16
    /// Transfers in flight to one host at once.
    public var perHost: Int = 2
    public var userAgent: String = "Earshot/0.1"
    /// Largest decoded response body accepted, in bytes.
    public var maxBody: Int = 15 * 1024 * 1024
    public var connectTimeout: Duration = .seconds(10)
    public var timeout: Duration = .seconds(60)
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` is aborted.
    public var lowSpeedLimit: Int = 1024
    public var lowSpeedTime: Duration = .seconds(20)
    public var maxRedirects: Int = 5
    /// How long seen posts and delivered outbox rows are kept.
    public var retention: Duration = .seconds(90 * 86_400)
    /// `trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`.
    public var logLevel: String = "info"
    /// Least time between two requests to the same host.
    public var hostGap: Duration = .milliseconds(250)
    /// Bounds for adapting a source's interval to how often it publishes (a source's own `interval` widens them).
    public var minInterval: Duration = .seconds(5 * 60)
    public var maxInterval: Duration = .seconds(6 * 3600)
    /// Longest wait between polls of a failing source (exponential backoff up to this).
    public var maxBackoff: Duration = .seconds(6 * 3600)
    /// `host:port` for `GET /metrics` and `GET /healthz`; nil serves nothing.
    public var listen: String?
    /// Absolute folder of digest templates overriding the built-in ones (`[daemon] templates`).
    public var templates: String?

    public init(stateDir: String) {
        self.stateDir = stateDir
    }
}

/// `[routing]`.
public struct RoutingSettings: Sendable, Equatable {
    /// The ambassador who gets what nobody else has room for.
    public var fallback: String?
    /// Capacity of an ambassador who sets none (mentions per rolling 24 hours).
    public var defaultCapacity: Int = 20

    public init(fallback: String? = nil) {
        self.fallback = fallback
    }
}

/// One `[[source]]`.
public struct SourceSettings: Sendable, Equatable {
    public var id: String
    /// `feed` (RSS, RDF, Atom, JSON Feed; detected from content), or a social kind: `mastodon`, `bluesky`,
    /// `reddit`, `hackernews`, `lobsters`, `github` (then `url` is the API's base URL).
    public var kind: String = "feed"
    public var url: String
    /// Overrides `[daemon] poll_interval`.
    public var interval: Duration?
    public var location: SourceLocation
    /// Social kinds: the kind-specific string options (`tag`, `query`, `subreddit`, `handle`, ...; booleans as
    /// `"true"`/`"false"`), the pages the first poll reads, and where the secret is: an absolute file path
    /// (`token_file`, `password_file`, `client_secret_file`) or a name in `$CREDENTIALS_DIRECTORY`.
    public var options: [String: String] = [:]
    public var backlogPages: Int = 1
    public var secretFile: String?
    public var credentials: String?

    public init(id: String, url: String, interval: Duration? = nil, location: SourceLocation) {
        self.id = id
        self.url = url
        self.interval = interval
        self.location = location
    }
}

/// One `[[watch]]`.
public struct WatchSettings: Sendable, Equatable {
    public var id: String
    /// At least one must appear (when non-empty).
    public var any: [String] = []
    /// Every one must appear.
    public var all: [String] = []
    /// None may appear.
    public var none: [String] = []
    public var tags: [String] = []
    /// A boolean query (see `Matching.Query`); a watch has either a query or `any`/`all`/`none` terms.
    public var query: String?
    /// `all` (every fitting ambassador) or `one` (`fanout` owners).
    public var route: String = "all"
    /// Owners picked when `route = "one"`.
    public var fanout: Int = 1
    /// Delivered at once, whatever the ambassador's digest schedule (still never inside quiet hours).
    public var urgent: Bool = false
    public var location: SourceLocation

    public init(id: String, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}

/// One `[[ambassador]]`.
public struct AmbassadorSettings: Sendable, Equatable {
    public var id: String
    public var name: String
    public var email: String
    public var expertise: [String] = []
    /// Mentions per rolling 24 hours.
    public var capacity: Int
    /// Channel ids.
    public var channels: [String] = []
    /// Mentions per rolling 7 days, when limited.
    public var capacityWeek: Int?
    /// IANA time zone name: digests, quiet hours and away days are read in it.
    public var timeZone: String = "UTC"
    public var digest: DigestSchedule = .immediate
    public var quietHours: QuietHours?
    /// Days off; mentions go to others meanwhile.
    public var away: [DayRange] = []
    public var location: SourceLocation

    public init(id: String, name: String, email: String, capacity: Int, location: SourceLocation) {
        self.id = id
        self.name = name
        self.email = email
        self.capacity = capacity
        self.location = location
    }
}

/// One `[[channel]]`.
public struct ChannelSettings: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Maildir at an absolute path.
        case maildir(path: String)
        /// Mail submission over SMTP.
        case smtp(SMTPChannelSettings)
        /// Slack (or Mattermost) incoming webhook.
        case slack(WebhookChannelSettings)
        /// Microsoft Teams Workflows webhook (Adaptive Card).
        case teams(WebhookChannelSettings)
        /// Signed JSON to any HTTP endpoint.
        case webhook(WebhookChannelSettings)
    }

    public var id: String
    public var kind: Kind
    /// Absolute folder of digest templates for this channel, overriding `[daemon] templates`.
    public var templates: String?
    public var location: SourceLocation

    public init(id: String, kind: Kind, location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.location = location
    }
}
