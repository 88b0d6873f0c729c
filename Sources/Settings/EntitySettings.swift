import EarshotCore

/// One `[[entity]]`: names, handles, hashtags and domains that watch queries refer to as `entity:id`.
public struct EntitySettings: Sendable, Equatable {
    public var id: String
    /// Names and phrases (`"Acme Corp"`).
    public var names: [String] = []
    /// Handles, with or without `@`.
    public var handles: [String] = []
    /// Hashtags, with or without `#`.
    public var hashtags: [String] = []
    /// Hosts; subdomains match too.
    public var domains: [String] = []
    public var location: SourceLocation

    public init(id: String, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}
