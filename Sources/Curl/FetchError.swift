/// Why a transfer produced no response: names the URL, what went wrong and libcurl's code.
public struct FetchError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        case dns, connect, tls, timeout, tooSlow, tooLarge, tooManyRedirects, protocolNotAllowed, badURL
        case cancelled, transport
        /// The server answered with a refusal (an SMTP 4xx/5xx reply, a denied login); see `status`.
        case rejected
    }

    public var url: String
    public var kind: Kind
    /// libcurl's `CURLcode`, when libcurl reported the failure.
    public var curlCode: Int
    public var message: String
    /// The protocol's reply code when the server gave one (an SMTP reply such as 550), else 0.
    public var status: Int

    public init(url: String, kind: Kind, curlCode: Int, message: String, status: Int = 0) {
        self.url = url
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
        self.status = status
    }

    public var description: String {
        curlCode == 0 ? "\(url): \(message)" : "\(url): \(message) (curl error \(curlCode))"
    }
}
