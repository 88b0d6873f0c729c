import EarshotCore
import Foundation
import TOML

/// The delivery keys of one `[[ambassador]]`, read before the table's other keys are checked.
struct AmbassadorDeliveryKeys {
    var valid = true
    var capacityWeek: Int?
    var timeZone = "UTC"
    var digest = DigestSchedule.immediate
    var quietHours: QuietHours?
    var away: [DayRange] = []

    func apply(to ambassador: inout AmbassadorSettings) {
        ambassador.capacityWeek = capacityWeek
        ambassador.timeZone = timeZone
        ambassador.digest = digest
        ambassador.quietHours = quietHours
        ambassador.away = away
    }
}

/// The routing keys of one `[[watch]]`.
struct WatchRoutingKeys {
    var valid = true
    var route = "all"
    var fanout = 1
    var urgent = false

    func apply(to watch: inout WatchSettings) {
        watch.route = route
        watch.fanout = fanout
        watch.urgent = urgent
    }
}

extension ConfigLoader {
    static let ambassadorDeliveryKeys = ["timezone", "digest", "quiet_hours", "away", "capacity_week"]
    static let watchRoutingKeys = ["route", "fanout", "urgent"]
    static let routeModes = ["all", "one"]
    static let channelDeliveryKeys = [
        "url", "url_file", "secret_file", "starttls", "ca_file", "from", "from_name", "username", "password_file",
        "templates",
    ]
    /// Keys each channel kind accepts, besides `id` and `kind`.
    static let keysOfChannelKind: [String: [String]] = [
        "maildir": ["path", "templates"],
        "smtp": ["url", "starttls", "ca_file", "from", "from_name", "username", "password_file", "templates"],
        "slack": ["url", "url_file"],
        "teams": ["url", "url_file"],
        "webhook": ["url", "url_file", "secret_file"],
    ]

    /// `timezone`, `digest`, `quiet_hours`, `away`, `capacity_week`.
    func readAmbassadorDelivery(_ table: TableReader) -> AmbassadorDeliveryKeys {
        var keys = AmbassadorDeliveryKeys()
        if table.table.entry("capacity_week") != nil {
            if let value = table.integer("capacity_week", minimum: 0) {
                keys.capacityWeek = value
            } else {
                keys.valid = false
            }
        }
        if let (name, position) = table.string("timezone") {
            if TimeZone(identifier: name) != nil, name.contains("/") || name == "UTC" || name == "GMT" {
                keys.timeZone = name
            } else {
                table.report(
                    "timezone", at: position,
                    "unknown time zone \"\(name)\" (use an IANA name such as \"Europe/Lisbon\")")
                keys.valid = false
            }
        } else if table.table.entry("timezone") != nil {
            keys.valid = false
        }
        if let (text, position) = table.string("digest") {
            if let schedule = DigestSchedule(parsing: text) {
                keys.digest = schedule
            } else {
                table.report(
                    "digest", at: position,
                    "`digest` must be \"immediate\", \"hourly\", \"daily HH:MM\" or \"weekly mon HH:MM\", got \"\(text)\""
                )
                keys.valid = false
            }
        } else if table.table.entry("digest") != nil {
            keys.valid = false
        }
        if let (text, position) = table.string("quiet_hours") {
            if let quiet = QuietHours(parsing: text) {
                keys.quietHours = quiet
            } else {
                table.report(
                    "quiet_hours", at: position, "`quiet_hours` must look like \"22:00-07:00\", got \"\(text)\"")
                keys.valid = false
            }
        } else if table.table.entry("quiet_hours") != nil {
            keys.valid = false
        }
        if let entry = table.table.entry("away") {
            if let days = table.stringArray("away") {
                if days.count == 2, let range = DayRange(from: days[0].value, to: days[1].value) {
                    keys.away = [range]
                } else {
                    table.report(
                        "away", at: entry.keyPosition,
                        "`away` must be two dates, first and last day, like [\"2026-12-20\", \"2027-01-04\"]")
                    keys.valid = false
                }
            } else {
                keys.valid = false
            }
        }
        return keys
    }

    /// `route`, `fanout`, `urgent`.
    func readWatchRouting(_ table: TableReader) -> WatchRoutingKeys {
        var keys = WatchRoutingKeys()
        if let (mode, position) = table.string("route") {
            if Self.routeModes.contains(mode) {
                keys.route = mode
            } else {
                table.report(
                    "route", at: position,
                    "`route` must be \"all\" or \"one\", got \"\(mode)\""
                        + Suggestion.didYouMean(mode, in: Self.routeModes))
                keys.valid = false
            }
        } else if table.table.entry("route") != nil {
            keys.valid = false
        }
        if let entry = table.table.entry("fanout") {
            if let value = table.integer("fanout", minimum: 1) {
                keys.fanout = value
                if keys.route != "one" {
                    table.report("fanout", at: entry.keyPosition, "`fanout` needs `route = \"one\"`")
                    keys.valid = false
                }
            } else {
                keys.valid = false
            }
        }
        if table.table.entry("urgent") != nil {
            if let value = table.boolean("urgent") { keys.urgent = value } else { keys.valid = false }
        }
        return keys
    }

    /// One `[[channel]]` of any kind.
    func readChannel(_ table: TableReader) {
        table.rejectUnknownKeys(allowed: Self.channelKeys)
        let id = claimedChannelID(table)
        guard let (kind, kindPosition) = table.string("kind", required: true) else { return }
        guard let allowed = Self.keysOfChannelKind[kind] else {
            table.report(
                "kind", at: kindPosition,
                "unknown channel kind \"\(kind)\" (known: \(Self.channelKinds.joined(separator: ", ")))"
                    + Suggestion.didYouMean(kind, in: Self.channelKinds))
            return
        }
        for entry in table.table.entries where entry.key != "id" && entry.key != "kind" {
            if Self.channelKeys.contains(entry.key) && !allowed.contains(entry.key) {
                table.report(entry.key, at: entry.keyPosition, "`\(entry.key)` does not apply to a \(kind) channel")
            }
        }
        var templates: String?
        if let (folder, _) = table.nonEmptyString("templates") {
            templates = Path.absolute(folder, relativeTo: table.folder)
        }
        let resolved: ChannelSettings.Kind?
        switch kind {
        case "maildir":
            resolved = table.nonEmptyString("path", required: true).map {
                .maildir(path: Path.absolute($0.value, relativeTo: table.folder))
            }
        case "smtp":
            resolved = readSMTP(table, id: id).map { .smtp($0) }
        case "slack":
            resolved = readWebhook(table, kind: kind, signed: false).map { .slack($0) }
        case "teams":
            resolved = readWebhook(table, kind: kind, signed: false).map { .teams($0) }
        default:
            resolved = readWebhook(table, kind: kind, signed: true).map { .webhook($0) }
        }
        guard let id, let resolved else { return }
        var channel = ChannelSettings(id: id, kind: resolved, location: table.headerLocation)
        channel.templates = templates
        channels.append(channel)
    }

    private func claimedChannelID(_ table: TableReader) -> String? {
        guard let (id, position) = table.id(), claim(id, kind: "channel", at: position, in: table) else { return nil }
        return id
    }

    private func readSMTP(_ table: TableReader, id: String?) -> SMTPChannelSettings? {
        var valid = true
        var url: String?
        if let (value, position) = table.string("url", required: true) {
            if Self.isMailURL(value) {
                url = value
            } else {
                table.report(
                    "url", at: position, "`url` must be smtp://host:port or smtps://host:port, got \"\(value)\"")
            }
        }
        var from: String?
        if let (value, position) = table.string("from", required: true) {
            if Self.isEmailAddress(value) {
                from = value
            } else {
                table.report(
                    "from", at: position, "`from` must be an address like earshot@example.com, got \"\(value)\"")
            }
        }
        let requireTLS = table.boolean("starttls")
        if table.table.entry("starttls") != nil, requireTLS == nil { valid = false }
        if requireTLS != nil, let url, url.lowercased().hasPrefix("smtps://"), let entry = table.table.entry("starttls")
        {
            table.report(
                "starttls", at: entry.keyPosition, "`starttls` applies to smtp:// only (smtps:// is TLS from the start)"
            )
            valid = false
        }
        var caFile: String?
        if let (file, position) = table.nonEmptyString("ca_file") {
            let absolute = Path.absolute(file, relativeTo: table.folder)
            if case .failure(let failure) = FileSystem.readText(atPath: absolute) {
                table.report("ca_file", at: position, "cannot read `ca_file` \(absolute): \(failure.reason)")
                valid = false
            } else {
                caFile = absolute
            }
        }
        let fromName = table.nonEmptyString("from_name")
        let username = table.nonEmptyString("username")
        var password: String?
        if let (file, position) = table.nonEmptyString("password_file") {
            password = readSecret(file, key: "password_file", at: position, in: table)
            if password == nil { valid = false }
            if username == nil {
                table.report("password_file", at: position, "`password_file` needs `username`")
                valid = false
            }
        } else if username != nil, let id {
            let environment = ProcessInfo.processInfo.environment
            if let folder = environment["CREDENTIALS_DIRECTORY"], !folder.isEmpty,
                case .success(let text) = FileSystem.readText(atPath: folder + "/" + id)
            {
                password = Self.trimmedSecret(text)
            } else {
                table.diagnostics.report(
                    table.headerLocation, key: "channel.password_file",
                    "smtp channel \"\(id)\" has a `username` but no password: set `password_file`, or give systemd "
                        + "credential \"\(id)\" (found in $CREDENTIALS_DIRECTORY)")
                valid = false
            }
        }
        guard valid, let url, let from else { return nil }
        var smtp = SMTPChannelSettings(url: url, from: from)
        smtp.requireTLS = requireTLS ?? true
        smtp.caFile = caFile
        if let fromName { smtp.fromName = fromName.value }
        smtp.username = username?.value
        smtp.password = password
        return smtp
    }

    private func readWebhook(_ table: TableReader, kind: String, signed: Bool) -> WebhookChannelSettings? {
        var url: String?
        let inline = table.string("url")
        let file = table.nonEmptyString("url_file")
        switch (inline, file) {
        case (nil, nil):
            if table.table.entry("url") == nil && table.table.entry("url_file") == nil {
                table.diagnostics.report(
                    table.headerLocation, key: "channel.url_file",
                    "[[channel]] of kind \(kind) needs `url_file` (a file holding the webhook URL) or `url`")
            }
        case (.some, .some(let (_, position))):
            table.report("url_file", at: position, "give either `url` or `url_file`, not both")
        case (.some(let (value, position)), nil):
            if Self.isWebURL(value) {
                url = value
            } else {
                table.report("url", at: position, "`url` must be an absolute http or https URL with a host")
            }
        case (nil, .some(let (path, position))):
            if let value = readSecret(path, key: "url_file", at: position, in: table) {
                if Self.isWebURL(value) {
                    url = value
                } else {
                    // The URL is a secret: say what is wrong without printing it.
                    table.report(
                        "url_file", at: position, "`url_file` must hold one absolute http or https URL with a host")
                }
            }
        }
        var secret: [UInt8]?
        if signed {
            if let (path, position) = table.nonEmptyString("secret_file", required: true) {
                if let value = readSecret(path, key: "secret_file", at: position, in: table) {
                    if value.isEmpty {
                        table.report("secret_file", at: position, "`secret_file` is empty")
                    } else {
                        secret = Array(value.utf8)
                    }
                }
            }
            guard secret != nil else { return nil }
        }
        guard let url else { return nil }
        return WebhookChannelSettings(url: url, secret: secret)
    }

    /// The content of a secret file (relative to the config file's folder), without surrounding whitespace.
    private func readSecret(_ path: String, key: String, at position: TOMLPosition, in table: TableReader) -> String? {
        let absolute = Path.absolute(path, relativeTo: table.folder)
        switch FileSystem.readText(atPath: absolute) {
        case .failure(let failure):
            table.report(key, at: position, "cannot read `\(key)` \(absolute): \(failure.reason)")
            return nil
        case .success(let text):
            return Self.trimmedSecret(text)
        }
    }

    static func trimmedSecret(_ text: String) -> String {
        String(text.trimmingWhitespace)
    }

    /// `smtp://host[:port]` or `smtps://host[:port]`.
    static func isMailURL(_ text: String) -> Bool {
        guard !text.contains(where: { $0.isWhitespace }), let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps",
            let host = components.host, !host.isEmpty
        else { return false }
        return true
    }
}
