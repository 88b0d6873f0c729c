/// Why an ``HTTPTestServer`` could not start.
public enum HTTPTestServerError: Error, Sendable, Equatable {
    /// A socket call failed; `step` names it (`socket`, `bind`, `listen`, `getsockname`).
    case socket(errno: Int32, step: String)
    /// The accept thread could not be created.
    case thread
}
