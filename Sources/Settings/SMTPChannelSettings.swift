/// `[[channel]] kind = "smtp"`: mail submission through libcurl.
public struct SMTPChannelSettings: Sendable, Equatable {
    /// `smtp://host:port` (upgraded with STARTTLS) or `smtps://host:port` (TLS from the start).
    public var url: String
    /// For `smtp://`: refuse to send unless the server offers STARTTLS (default). `starttls = false` allows plain
    /// SMTP, for a relay on loopback.
    public var requireTLS: Bool = true
    /// `ca_file`: a PEM file of the certificate authorities to trust for the server (relative to the config
    /// file's folder), for a relay with a private CA; unset: the system's.
    public var caFile: String?
    /// Envelope and header sender address.
    public var from: String
    /// Display name of the sender.
    public var fromName: String = "Earshot"
    public var username: String?
    /// Read from `password_file`, or from `$CREDENTIALS_DIRECTORY/<channel id>` (systemd `LoadCredential=`).
    public var password: String?

    public init(url: String, from: String) {
        self.url = url
        self.from = from
    }
}
