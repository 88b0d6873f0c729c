/// Why a transfer produced no response: names the URL, what went wrong and libcurl's code.
public struct FetchError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        case dns, connect, tls, timeout, tooSlow, tooLarge, tooManyRedirects, protocolNotAllowed, badURL
        case cancelled, transport
    }

    public var url: String
    public var kind: Kind
    /// libcurl's `CURLcode`, when libcurl reported the failure.
    public var curlCode: Int
    public var message: String

    public init(url: String, kind: Kind, curlCode: Int, message: String) {
        self.url = url
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
    }

    public var description: String {
        curlCode == 0 ? "\(url): \(message)" : "\(url): \(message) (curl error \(curlCode))"
    }
}
