import TOML

extension TableReader {
    /// A boolean value.
    func boolean(_ key: String) -> Bool? {
        guard let entry = entry(key, required: false) else { return nil }
        guard case .bool(let value) = entry.node.value else {
            wrongType(entry, expected: "true or false")
            return nil
        }
        return value
    }

    /// Reports `key` when present: it does not apply to this kind of table.
    func rejectKey(_ key: String, because reason: String) {
        guard let entry = table.entry(key) else { return }
        report(key, at: entry.keyPosition, "`\(key)` \(reason)")
    }
}
