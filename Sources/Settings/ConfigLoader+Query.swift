import EarshotCore
import Matching
import TOML

/// A watch query waiting for every `[[entity]]` to be read before its `entity:` references are checked.
struct PendingQuery {
    var watch: String
    var text: String
    var file: String
    /// Where the string value starts (its opening quote).
    var position: TOMLPosition
}

extension ConfigLoader {
    static let entityKeys = ["id", "names", "handles", "hashtags", "domains"]

    /// `[[entity]]`.
    func readEntity(_ table: TableReader) {
        table.rejectUnknownKeys(allowed: Self.entityKeys)
        let id: String? = {
            guard let (id, position) = table.id(), claim(id, kind: "entity", at: position, in: table) else {
                return nil
            }
            return id
        }()
        let names = table.stringArray("names")
        let handles = table.stringArray("handles")
        let hashtags = table.stringArray("hashtags")
        let domains = table.stringArray("domains")
        var valid = true
        for key in ["names", "handles", "hashtags", "domains"] where table.table.entry(key) != nil {
            if [names, handles, hashtags, domains][Self.entityKeys.firstIndex(of: key)! - 1] == nil { valid = false }
        }
        for domain in domains ?? [] {
            let host = domain.value
            if host.contains("/") || host.contains(":") || !host.contains(".") || host.contains(where: \.isWhitespace) {
                table.report(
                    "domains", at: domain.position, "`domains` takes host names like \"acme.com\", got \"\(host)\"")
                valid = false
            }
        }
        if valid && (names?.isEmpty ?? true) && (handles?.isEmpty ?? true) && (hashtags?.isEmpty ?? true)
            && (domains?.isEmpty ?? true)
        {
            table.diagnostics.report(
                table.headerLocation, key: "entity.names",
                "[[entity]] \(id.map { "\"\($0)\" " } ?? "")has nothing to match: give `names`, `handles`, "
                    + "`hashtags` or `domains`")
            valid = false
        }
        guard let id, valid else { return }
        var entity = EntitySettings(id: id, location: table.headerLocation)
        entity.names = names?.map(\.value) ?? []
        entity.handles = handles?.map(\.value) ?? []
        entity.hashtags = hashtags?.map(\.value) ?? []
        entity.domains = domains?.map(\.value) ?? []
        entities.append(entity)
    }

    /// A watch's `query`: the text when present and valid (its syntax is checked now, its `entity:` references
    /// once every file is read), and whether the watch is still valid.
    func readQuery(_ table: TableReader, watch: String?) -> (value: String?, valid: Bool) {
        guard let entry = table.table.entry("query") else { return (nil, true) }
        guard case .string(let text) = entry.node.value else {
            table.wrongType(entry, expected: "a string holding a boolean query")
            return (nil, false)
        }
        let mixed = ["any", "all", "none"].filter { table.table.entry($0) != nil }
        if !mixed.isEmpty {
            table.report(
                "query", at: entry.keyPosition,
                "a watch has either `query` or `any`/`all`/`none`, not both: move \(mixed.map { "`\($0)`" }.joined(separator: ", ")) into the query"
            )
            return (nil, false)
        }
        let pending = PendingQuery(watch: watch ?? "?", text: text, file: table.file, position: entry.node.position)
        do {
            _ = try Query(text)
        } catch {
            reportQueryError(error, in: pending, key: table.fullKey("query"))
            return (nil, false)
        }
        pendingQueries.append(pending)
        return (text, true)
    }

    /// Checks the `entity:` references of every query that parsed.
    func checkQueries() {
        let known = entities.map(\.id)
        let claimed = seenIDs["entity"].map { Array($0.keys) } ?? []
        for pending in pendingQueries {
            do {
                // Entities that were defined but invalid are already reported; do not report them again here.
                _ = try Query(pending.text, entities: known + claimed.filter { !known.contains($0) })
            } catch {
                reportQueryError(error, in: pending, key: "watch.query")
            }
        }
    }

    /// Reports `error` at its place inside the query's string value, with the query line and a caret.
    func reportQueryError(_ error: QueryError, in pending: PendingQuery, key: String) {
        let position =
            sourceTexts[pending.file].map {
                TOMLStringPositions.position(ofScalar: error.column - 1, inStringAt: pending.position, in: $0)
            } ?? pending.position
        let caret = error.caret(in: pending.text)
        diagnostics.report(
            SourceLocation(file: pending.file, line: position.line, column: position.column), key: key,
            "watch \"\(pending.watch)\": invalid query: \(error.message)\n    \(caret.line)\n    \(caret.caret)")
    }
}
