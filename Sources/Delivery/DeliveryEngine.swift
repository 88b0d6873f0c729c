import Curl

/// The libcurl engine that SMTP and webhook channels share: one per process, started on first use and never
/// replaced on reload (a reload builds new channels, which go on using it).
public enum DeliveryEngine {
    /// At most 8 deliveries in flight, 2 per host.
    public static let shared = CurlEngine(
        configuration: CurlEngine.Configuration(concurrency: 8, perHost: 2, userAgent: "Earshot/0.1"))
}
