import Foundation

/// A session or access token an adapter obtained, kept in the store between polls.
public struct AuthToken: Sendable, Equatable, Codable {
    /// Sent as the bearer token.
    public var access: String
    /// Used to get a new `access` token when it expires (Bluesky `refreshJwt`).
    public var refresh: String?
    /// When `access` stops working, if the API said (Reddit `expires_in`).
    public var expires: Date?
    /// The account the session belongs to (Bluesky DID), when known.
    public var account: String?

    /// Creates a token.
    public init(access: String, refresh: String? = nil, expires: Date? = nil, account: String? = nil) {
        self.access = access
        self.refresh = refresh
        self.expires = expires
        self.account = account
    }

    /// The token as one line of JSON, for the store.
    public var serialized: String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? ""
    }

    /// Reads a token written by ``serialized``; nil for anything else.
    public init?(serialized: String?) {
        guard let serialized, !serialized.isEmpty else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let token = try? decoder.decode(AuthToken.self, from: Data(serialized.utf8)) else { return nil }
        self = token
    }
}
