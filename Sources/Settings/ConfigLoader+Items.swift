import EarshotCore
import Foundation
import TOML

extension ConfigLoader {
    static let sourceKeys = ["id", "url", "interval", "kind"]
    static let sourceKinds = ["feed"] + socialKinds
    static let watchKeys = ["id", "any", "all", "none", "tags", "query"] + watchRoutingKeys
    static let ambassadorKeys = ["id", "name", "email", "expertise", "capacity", "channels"] + ambassadorDeliveryKeys
    static let channelKeys = ["id", "kind", "path"] + channelDeliveryKeys
    static let channelKinds = ["maildir", "smtp", "slack", "teams", "webhook"]

    /// `[[source]]`, `[[watch]]`, `[[ambassador]]` and `[[channel]]` of one file, in that order.
    func readItems(_ root: TableReader) {
        for table in tables(named: "source", in: root) { readSource(table) }
        for table in tables(named: "entity", in: root) { readEntity(table) }
        for table in tables(named: "watch", in: root) { readWatch(table) }
        for table in tables(named: "channel", in: root) { readChannel(table) }
        for table in tables(named: "ambassador", in: root) { readAmbassador(table) }
    }

    /// The id, claimed for `kind`; nil when missing, invalid or taken.
    private func claimedID(_ table: TableReader, kind: String) -> String? {
        guard let (id, position) = table.id(), claim(id, kind: kind, at: position, in: table) else { return nil }
        return id
    }

    func readSource(_ table: TableReader) {
        table.rejectUnknownKeys(allowed: Self.sourceKeys + Self.socialKeys(of: table))
        let id = claimedID(table, kind: "source")
        var url: String?
        if let (value, position) = table.string("url", required: true) {
            if Self.isWebURL(value) {
                url = value
            } else {
                table.report(
                    "url", at: position, "`url` must be an absolute http or https URL with a host, got \"\(value)\"")
            }
        }
        let interval = table.duration("interval")
        var kind = "feed"
        if let (value, position) = table.string("kind") {
            if Self.sourceKinds.contains(value) {
                kind = value
            } else {
                table.report(
                    "kind", at: position,
                    "unknown source kind \"\(value)\" (known: \(Self.sourceKinds.joined(separator: ", ")))")
            }
        }
        let social = readSocialKeys(table, kind: kind)
        guard let id, let url, social.valid else { return }
        var source = SourceSettings(id: id, url: url, interval: interval, location: table.headerLocation)
        source.kind = kind
        social.apply(to: &source)
        sources.append(source)
    }

    func readWatch(_ table: TableReader) {
        table.rejectUnknownKeys(allowed: Self.watchKeys)
        let id = claimedID(table, kind: "watch")
        let any = table.stringArray("any")
        let all = table.stringArray("all")
        let none = table.stringArray("none")
        let tags = table.stringArray("tags")
        let routing = readWatchRouting(table)
        let query = readQuery(table, watch: id)
        let anyEntry = table.table.entry("any")
        let allEntry = table.table.entry("all")
        if table.table.entry("query") == nil && (any?.isEmpty ?? true) && (all?.isEmpty ?? true)
            && (anyEntry == nil || any != nil)
            && (allEntry == nil || all != nil)
        {
            table.diagnostics.report(
                table.headerLocation, key: "watch.any",
                "[[watch]] \(id.map { "\"\($0)\" " } ?? "")has no terms: "
                    + "give a `query`, or `any` or `all` at least one term")
        }
        guard let id, anyEntry == nil || any != nil, allEntry == nil || all != nil,
            table.table.entry("none") == nil || none != nil, table.table.entry("tags") == nil || tags != nil
        else { return }
        var watch = WatchSettings(id: id, location: table.headerLocation)
        watch.any = any?.map(\.value) ?? []
        watch.all = all?.map(\.value) ?? []
        watch.none = none?.map(\.value) ?? []
        watch.tags = tags?.map(\.value) ?? []
        watch.query = query.value
        guard query.valid else { return }
        routing.apply(to: &watch)
        guard routing.valid else { return }
        watches.append(watch)
    }

    func readAmbassador(_ table: TableReader) {
        table.rejectUnknownKeys(allowed: Self.ambassadorKeys)
        let id = claimedID(table, kind: "ambassador")
        let name = table.nonEmptyString("name", required: true)
        var email: String?
        if let (value, position) = table.string("email", required: true) {
            if Self.isEmailAddress(value) {
                email = value
            } else {
                table.report(
                    "email", at: position, "`email` must be an address like name@example.com, got \"\(value)\"")
            }
        }
        let expertiseEntry = table.table.entry("expertise")
        let expertise = table.stringArray("expertise")
        let capacityEntry = table.table.entry("capacity")
        let capacity = table.integer("capacity", minimum: 0)
        let channelsEntry = table.table.entry("channels")
        let channelIDs = table.stringArray("channels", required: true)
        let delivery = readAmbassadorDelivery(table)
        if let channelIDs, channelIDs.isEmpty, let channelsEntry {
            table.report("channels", at: channelsEntry.keyPosition, "`channels` must name at least one channel")
        }
        for channel in channelIDs ?? [] {
            channelReferences.append((id ?? "?", channel.value, table.location(channel.position)))
        }
        guard let id, let name, let email, expertiseEntry == nil || expertise != nil,
            capacityEntry == nil || capacity != nil, let channelIDs, !channelIDs.isEmpty
        else { return }
        var ambassador = AmbassadorSettings(
            id: id, name: name.value, email: email, capacity: capacity ?? routing.defaultCapacity,
            location: table.headerLocation)
        ambassador.expertise = expertise?.map(\.value) ?? []
        ambassador.channels = channelIDs.map(\.value)
        delivery.apply(to: &ambassador)
        guard delivery.valid else { return }
        ambassadors.append(ambassador)
    }

    /// An absolute `http`/`https` URL with a host.
    static func isWebURL(_ text: String) -> Bool {
        guard !text.contains(where: { $0.isWhitespace }), let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, text.lowercased().hasPrefix(scheme + "://")
        else { return false }
        return true
    }

    /// `local@domain` with something on both sides and no spaces.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }
}
