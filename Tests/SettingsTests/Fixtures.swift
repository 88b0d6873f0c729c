import Settings

/// Paths of the test fixtures and the shipped example config, found from this file's location.
enum Fixtures {
    /// `Tests/Fixtures/Settings`.
    static let folder: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(2)
        return parts.joined(separator: "/") + "/Fixtures/Settings"
    }()

    /// The repository's `Config` folder.
    static let configFolder: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Config"
    }()

    /// Loads `relativePath` (e.g. `mistakes/main.toml`) with the fixtures folder as working directory, so messages
    /// name files relative to it.
    static func load(_ relativePath: String) throws(ConfigErrors) -> Settings {
        try Settings.load(path: relativePath, workingDirectory: folder)
    }

    /// The errors of loading `relativePath`, or an empty list when it loads.
    static func errors(_ relativePath: String) -> [ConfigError] {
        do {
            _ = try load(relativePath)
            return []
        } catch {
            return error.errors
        }
    }
}
