/// A failed delivery: which channel, for whom, and whether trying again may help.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public var channel: String
    public var recipient: String
    public var message: String
    /// Connection problems, full disks and 5xx/4xx-temporary answers are transient; bad addresses are not.
    public var transient: Bool

    public init(channel: String, recipient: String, message: String, transient: Bool) {
        self.channel = channel
        self.recipient = recipient
        self.message = message
        self.transient = transient
    }

    public var description: String { "channel \(channel) to \(recipient): \(message)" }
}
