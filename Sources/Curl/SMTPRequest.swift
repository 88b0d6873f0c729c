/// One message to submit over SMTP (`smtp://host:port`, upgraded with STARTTLS, or `smtps://host:port`).
public struct SMTPRequest: Sendable {
    public var url: String
    /// Envelope sender (`MAIL FROM`).
    public var from: String
    /// Envelope recipients (`RCPT TO`).
    public var recipients: [String]
    /// The whole RFC 5322 message, CRLF line endings.
    public var message: [UInt8]
    public var username: String?
    public var password: String?
    /// For `smtp://`: refuse to send unless the server upgrades the connection with STARTTLS.
    public var requireTLS: Bool
    /// A PEM file of the certificate authorities to trust for the server's certificate instead of the system's
    /// (a relay with a private CA); nil: the system's.
    public var caFile: String?
    public var limits: TransferLimits

    public init(
        url: String, from: String, recipients: [String], message: [UInt8], username: String? = nil,
        password: String? = nil, requireTLS: Bool = true, caFile: String? = nil, limits: TransferLimits = .smtp
    ) {
        self.url = url
        self.from = from
        self.recipients = recipients
        self.message = message
        self.username = username
        self.password = password
        self.requireTLS = requireTLS
        self.caFile = caFile
        self.limits = limits
    }
}

/// The server's final answer to a submitted message.
public struct SMTPResponse: Sendable, Equatable {
    /// The last SMTP reply code (250 when the message was accepted).
    public var code: Int
    public var duration: Duration
}

extension TransferLimits {
    /// Limits for mail submission: SMTP protocols only.
    public static var smtp: TransferLimits {
        var limits = TransferLimits()
        limits.protocols = "smtp,smtps"
        return limits
    }
}
