import Delivery
import EarshotCore
import Foundation
import Routing
import Settings
import Store

/// What delivery compiles from the settings: channels (with their templates), digest planners and routing.
enum DeliveryCompiler {
    /// One channel per `[[channel]]`; template folders that do not load are config errors at the channel (or at
    /// `[daemon]`).
    static func channels(for settings: Settings) throws(ConfigErrors) -> [String: any Channel] {
        var errors: [ConfigError] = []
        var defaultTemplates = DigestTemplates.builtIn
        if let folder = settings.daemon.templates {
            do {
                defaultTemplates = try DigestTemplates.load(folder: folder)
            } catch {
                errors.append(
                    ConfigError(
                        file: settings.files.first ?? "config", line: 1, column: 1,
                        message: "[daemon] templates: \(error)"))
            }
        }
        var channels: [String: any Channel] = [:]
        for channel in settings.channels {
            var templates = defaultTemplates
            if let folder = channel.templates {
                do {
                    templates = try DigestTemplates.load(folder: folder)
                } catch {
                    errors.append(
                        ConfigError(
                            file: channel.location.file, line: channel.location.line, column: channel.location.column,
                            message: "channel \(channel.id): templates: \(error)"))
                    continue
                }
            }
            let renderer = DigestRenderer(templates: templates)
            switch channel.kind {
            case .maildir(let path):
                channels[channel.id] = MaildirChannel(id: channel.id, path: path, renderer: renderer)
            case .smtp(let smtp):
                channels[channel.id] = SMTPChannel(
                    id: channel.id, url: smtp.url, requireTLS: smtp.requireTLS, caFile: smtp.caFile,
                    sender: (smtp.fromName, smtp.from), username: smtp.username, password: smtp.password,
                    renderer: renderer)
            case .slack(let hook):
                channels[channel.id] = SlackChannel(id: channel.id, url: hook.url, renderer: renderer)
            case .teams(let hook):
                channels[channel.id] = TeamsChannel(id: channel.id, url: hook.url, renderer: renderer)
            case .webhook(let hook):
                channels[channel.id] = WebhookChannel(
                    id: channel.id, url: hook.url, secret: hook.secret ?? [], renderer: renderer)
            }
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }
        return channels
    }

    /// Each ambassador's digest schedule, time zone and quiet hours.
    static func planners(for settings: Settings) -> [String: DigestPlanner] {
        var planners: [String: DigestPlanner] = [:]
        for ambassador in settings.ambassadors {
            planners[ambassador.id] = DigestPlanner(
                schedule: ambassador.digest, timeZone: TimeZone(identifier: ambassador.timeZone) ?? .utc,
                quietHours: ambassador.quietHours)
        }
        return planners
    }

    /// The router: ambassadors with capacities, time zones and away days; route policies per watch.
    static func router(for settings: Settings) -> Router {
        var policies: [String: RoutePolicy] = [:]
        for watch in settings.watches where watch.route == "one" {
            policies[watch.id] = .one(fanout: watch.fanout)
        }
        return Router(
            ambassadors: settings.ambassadors.map {
                Ambassador(
                    id: $0.id, expertise: $0.expertise, capacity: $0.capacity, capacityWeek: $0.capacityWeek,
                    timeZone: TimeZone(identifier: $0.timeZone) ?? .utc, away: $0.away)
            },
            fallback: settings.routing.fallback ?? settings.ambassadors.first?.id ?? "", policies: policies)
    }
}

extension Snapshot {
    /// The digest planner of `ambassador` (immediate, UTC, no quiet hours for one not configured).
    public func planner(for ambassador: String) -> DigestPlanner {
        planners[ambassador] ?? DigestPlanner()
    }
}

extension Deliverer {
    /// The loads routing starts from at `now`: the last day and week of assignments, and when each ambassador was
    /// last assigned (empty when the store cannot be read: routing then only risks exceeding capacity).
    public static func routingLoad(_ store: Store, now: Date) -> Router.Load {
        guard let loads = try? store.ambassadorLoads(now: now) else { return Router.Load() }
        return Router.Load(loads.day, week: loads.week, lastAssigned: loads.lastAssigned)
    }
}
