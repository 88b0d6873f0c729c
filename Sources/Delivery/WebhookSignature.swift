import Crypto
import Foundation

/// The signature of a webhook delivery: `X-Earshot-Signature: sha256=<hex>`, the HMAC-SHA256 with the shared
/// secret of `<X-Earshot-Timestamp>.<body>` (the timestamp as sent, a dot, then the raw body bytes).
///
/// A receiver recomputes it over the bytes it got, compares in constant time, and rejects timestamps too far
/// from its clock (say five minutes) so that a captured request cannot be replayed later.
public enum WebhookSignature {
    /// `sha256=<64 hex digits>`.
    public static func sign(body: [UInt8], timestamp: String, secret: [UInt8]) -> String {
        var message = Array(timestamp.utf8)
        message.append(UInt8(ascii: "."))
        message.append(contentsOf: body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `signature` is the one for this body, timestamp and secret (compared in constant time).
    public static func verify(signature: String, body: [UInt8], timestamp: String, secret: [UInt8]) -> Bool {
        let expected = Array(sign(body: body, timestamp: timestamp, secret: secret).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(expected, given) { difference |= left ^ right }
        return difference == 0
    }
}
