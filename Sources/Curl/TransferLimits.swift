/// The limits one transfer runs under. Exceeding any of them fails the transfer with a `FetchError`.
public struct TransferLimits: Sendable, Equatable {
    /// Largest decoded body accepted, in bytes; counted in the write callback, after decompression.
    public var maxBody: Int = 15 * 1024 * 1024
    public var connectTimeout: Duration = .seconds(10)
    /// The whole transfer, redirects included.
    public var timeout: Duration = .seconds(60)
    /// Abort when slower than `lowSpeedLimit` bytes per second for `lowSpeedTime`.
    public var lowSpeedLimit: Int = 1024
    public var lowSpeedTime: Duration = .seconds(20)
    public var maxRedirects: Int = 5
    /// Protocols allowed for the request and for redirects, in libcurl's `PROTOCOLS_STR` syntax.
    public var protocols: String = "http,https"

    public init() {}
}

extension Duration {
    /// Whole milliseconds, rounded down, never negative.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return max(0, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
