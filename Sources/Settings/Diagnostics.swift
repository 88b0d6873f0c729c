import EarshotCore

/// Collects every problem found while loading, so they can be reported at once.
final class Diagnostics {
    private(set) var errors: [ConfigError] = []

    func report(_ location: SourceLocation, key: String? = nil, _ message: String) {
        errors.append(ConfigError(at: location, key: key, message: message))
    }
}
