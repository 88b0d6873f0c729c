/// Where digests go. One implementation per `[[channel]] kind`; each call delivers one digest to one person.
///
/// An implementation either delivers the whole digest or throws; it never half-delivers silently.
public protocol Channel: Sendable {
    /// The configured channel id.
    var id: String { get }
    /// Delivers `digest`, or throws a `DeliveryError` saying why not.
    func deliver(_ digest: Digest) async throws(DeliveryError)
}
