import EarshotCore
import TOML

/// Reads the main file and its includes, decodes each table and cross-checks references.
final class ConfigLoader {
    /// One parsed file.
    struct File {
        /// As shown in messages.
        var display: String
        /// Absolute folder, for relative paths.
        var folder: String
        var root: TOMLTable
    }

    static let mainKeys = ["daemon", "routing", "source", "watch", "ambassador", "channel", "entity"]
    static let itemKeys = ["source", "watch", "ambassador", "channel", "entity"]

    let workingDirectory: String
    let diagnostics = Diagnostics()
    var files: [String] = []
    var readPaths: Set<String> = []

    var daemon: DaemonSettings?
    var routing = RoutingSettings()
    var fallbackPosition: (file: String, position: TOMLPosition)?
    var sources: [SourceSettings] = []
    var watches: [WatchSettings] = []
    var ambassadors: [AmbassadorSettings] = []
    var channels: [ChannelSettings] = []
    /// Channel references of each ambassador, checked once every file is read.
    var channelReferences: [(ambassador: String, channel: String, location: SourceLocation)] = []
    /// `[[entity]]` tables, and the watch queries to check once every file (and so every entity) is read.
    var entities: [EntitySettings] = []
    var pendingQueries: [PendingQuery] = []
    /// The text of each file read, by display name, for positions inside string values.
    var sourceTexts: [String: String] = [:]
    /// Ids claimed so far, by kind (`source`, `watch`, ...), with where each was first defined.
    var seenIDs: [String: [String: SourceLocation]] = [:]

    init(workingDirectory: String) {
        self.workingDirectory = workingDirectory
    }

    func load(path: String) throws(ConfigErrors) -> Settings {
        let absolute = Path.absolute(path, relativeTo: workingDirectory)
        files.append(path)
        readPaths.insert(absolute)
        let start = SourceLocation(file: path, line: 1, column: 1)
        switch FileSystem.readText(atPath: absolute) {
        case .failure(let failure):
            diagnostics.report(start, "cannot read the config file: \(failure.reason)")
        case .success(let text):
            if let root = parse(text, display: path) {
                let file = File(display: path, folder: Path.directory(of: absolute), root: root)
                loadMain(file)
            }
        }
        checkReferences()
        checkQueries()
        guard diagnostics.errors.isEmpty, let daemon else {
            throw ConfigErrors(diagnostics.errors, fileOrder: files)
        }
        var settings = Settings(
            daemon: daemon, routing: routing, sources: sources, watches: watches, ambassadors: ambassadors,
            channels: channels, files: files)
        settings.entities = entities
        return settings
    }

    func parse(_ text: String, display: String) -> TOMLTable? {
        do {
            sourceTexts[display] = text
            return try TOML.parse(text)
        } catch {
            diagnostics.report(
                SourceLocation(file: display, line: error.position.line, column: error.position.column), error.message)
            return nil
        }
    }

    private func loadMain(_ file: File) {
        let root = TableReader(
            file: file.display, folder: file.folder, table: file.root, header: TOMLPosition(line: 1, column: 1),
            name: "the main config file", keyPrefix: "", diagnostics: diagnostics)
        for entry in file.root.entries where !Self.mainKeys.contains(entry.key) {
            if entry.key == "include" {
                root.report(entry.key, at: entry.keyPosition, "`include` belongs in the [daemon] table")
            } else {
                root.report(
                    entry.key, at: entry.keyPosition,
                    "unknown table or key `\(entry.key)`\(Suggestion.didYouMean(entry.key, in: Self.mainKeys))")
            }
        }
        var includes: [(pattern: String, position: TOMLPosition)] = []
        if let daemonTable = table(named: "daemon", in: root) {
            includes = readDaemon(daemonTable)
        } else if root.table.entry("daemon") == nil {
            diagnostics.report(
                root.headerLocation, key: "daemon",
                "the main config file has no [daemon] table (it must set `state_dir`)")
        }
        if let routingTable = table(named: "routing", in: root) {
            readRouting(routingTable)
        }
        readItems(root)
        for include in includes {
            loadIncludes(include.pattern, at: include.position, from: file)
        }
    }

    /// Expands one include glob and loads each file it matches.
    private func loadIncludes(_ pattern: String, at position: TOMLPosition, from file: File) {
        let location = SourceLocation(file: file.display, line: position.line, column: position.column)
        let mainFolderDisplay = Path.directory(of: file.display)
        let shownPattern = Path.join(mainFolderDisplay, pattern)
        let absolutePattern =
            pattern.hasPrefix("/")
            ? pattern : FileSystem.escapeGlob(file.folder) + (file.folder == "/" ? "" : "/") + pattern
        let matches: [String]
        switch FileSystem.expandGlob(absolutePattern) {
        case .failure(let failure):
            diagnostics.report(
                location, key: "daemon.include", "cannot expand include `\(shownPattern)`: \(failure.reason)")
            return
        case .success(let found):
            matches = found
        }
        guard !matches.isEmpty else {
            diagnostics.report(location, key: "daemon.include", "include `\(shownPattern)` matched no file")
            return
        }
        let prefix = file.folder == "/" ? "/" : file.folder + "/"
        for match in matches {
            let display: String
            if !pattern.hasPrefix("/"), match.hasPrefix(prefix) {
                display = Path.join(mainFolderDisplay, String(match.dropFirst(prefix.count)))
            } else {
                display = match
            }
            let absolute = Path.normalize(match)
            guard readPaths.insert(absolute).inserted else { continue }
            switch FileSystem.readText(atPath: absolute) {
            case .failure(let failure):
                diagnostics.report(
                    location, key: "daemon.include", "cannot read included file `\(display)`: \(failure.reason)")
            case .success(let text):
                files.append(display)
                guard let root = parse(text, display: display) else { continue }
                loadIncluded(File(display: display, folder: Path.directory(of: absolute), root: root))
            }
        }
    }

    private func loadIncluded(_ file: File) {
        let root = TableReader(
            file: file.display, folder: file.folder, table: file.root, header: TOMLPosition(line: 1, column: 1),
            name: "an included file", keyPrefix: "", diagnostics: diagnostics)
        for entry in file.root.entries where !Self.itemKeys.contains(entry.key) {
            switch entry.key {
            case "daemon", "routing":
                root.report(entry.key, at: entry.keyPosition, "[\(entry.key)] is only allowed in the main config file")
            case "include":
                root.report(
                    entry.key, at: entry.keyPosition, "`include` is only allowed in [daemon] of the main config file")
            default:
                root.report(
                    entry.key, at: entry.keyPosition,
                    "unknown table or key `\(entry.key)` (an included file may hold [[source]], [[watch]], "
                        + "[[ambassador]] and [[channel]])\(Suggestion.didYouMean(entry.key, in: Self.itemKeys))")
            }
        }
        readItems(root)
    }

    /// A `[name]` table of `root`, or nil (reported when present but not a table).
    private func table(named name: String, in root: TableReader) -> TableReader? {
        guard let entry = root.table.entry(name) else { return nil }
        guard case .table(let table) = entry.node.value else {
            root.report(
                name, at: entry.keyPosition,
                "`\(name)` must be a table ([\(name)]), got \(entry.node.value.typeDescription)")
            return nil
        }
        return TableReader(
            file: root.file, folder: root.folder, table: table, header: entry.node.position, name: "[\(name)]",
            keyPrefix: name, diagnostics: diagnostics)
    }

    /// The `[[name]]` tables of `root`.
    func tables(named name: String, in root: TableReader) -> [TableReader] {
        guard let entry = root.table.entry(name) else { return [] }
        guard case .array(let nodes) = entry.node.value else {
            root.report(
                name, at: entry.keyPosition,
                "`\(name)` must be an array of tables (write [[\(name)]]), got \(entry.node.value.typeDescription)")
            return []
        }
        return nodes.compactMap { node in
            guard case .table(let table) = node.value else {
                root.report(
                    name, at: node.position, "each `\(name)` must be a table, got \(node.value.typeDescription)")
                return nil
            }
            return TableReader(
                file: root.file, folder: root.folder, table: table, header: node.position, name: "[[\(name)]]",
                keyPrefix: name, diagnostics: diagnostics)
        }
    }

    /// Records `id` for `kind`; reports it when taken.
    func claim(_ id: String, kind: String, at position: TOMLPosition, in reader: TableReader) -> Bool {
        let location = reader.location(position)
        if let first = seenIDs[kind]?[id] {
            reader.report("id", at: position, "duplicate \(kind) id \"\(id)\" (first defined at \(first))")
            return false
        }
        seenIDs[kind, default: [:]][id] = location
        return true
    }

    private func checkReferences() {
        let knownChannels = Set(seenIDs["channel"].map { Array($0.keys) } ?? [])
        for reference in channelReferences where !knownChannels.contains(reference.channel) {
            diagnostics.report(
                reference.location, key: "ambassador.channels",
                "ambassador \"\(reference.ambassador)\" uses unknown channel \"\(reference.channel)\""
                    + Suggestion.didYouMean(reference.channel, in: Array(knownChannels).sorted()))
        }
        if routing.fallback == nil, daemon != nil, !watches.isEmpty, let main = files.first {
            diagnostics.report(
                SourceLocation(file: main, line: 1, column: 1), key: "routing.fallback",
                "`[routing] fallback` is required: the ambassador who gets the mentions nobody else can take")
        }
        if let fallback = routing.fallback, let fallbackAt = fallbackPosition {
            let known = Set(seenIDs["ambassador"].map { Array($0.keys) } ?? [])
            if !known.contains(fallback) {
                diagnostics.report(
                    SourceLocation(
                        file: fallbackAt.file, line: fallbackAt.position.line, column: fallbackAt.position.column),
                    key: "routing.fallback",
                    "`fallback` names unknown ambassador \"\(fallback)\""
                        + Suggestion.didYouMean(fallback, in: known.sorted()))
            }
        }
    }
}
