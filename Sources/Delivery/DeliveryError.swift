import Foundation

/// A failed delivery: which channel, for whom, and whether trying again may help.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public var channel: String
    public var recipient: String
    /// What went wrong. Never holds a secret (a webhook URL's path or query, a password).
    public var message: String
    /// Connection problems, full disks, HTTP 5xx and 429, SMTP 4xx are transient; HTTP 4xx and SMTP 5xx are not.
    public var transient: Bool
    /// How long the receiver asked us to wait (HTTP `Retry-After`), when it said.
    public var retryAfter: TimeInterval?

    public init(channel: String, recipient: String, message: String, transient: Bool, retryAfter: TimeInterval? = nil) {
        self.channel = channel
        self.recipient = recipient
        self.message = message
        self.transient = transient
        self.retryAfter = retryAfter
    }

    public var description: String { "channel \(channel) to \(recipient): \(message)" }
}
