import CoreMetrics
import Foundation

/// The metrics Earshot emits, through swift-metrics (a no-op until a backend is bootstrapped).
public enum EarshotMetrics {
    /// One fetch: `outcome` is `fetched`, `not_modified` or `failed`.
    public static func fetch(source: String, outcome: String, duration: Duration?) {
        Counter(label: "earshot_fetches_total", dimensions: [("outcome", outcome)]).increment()
        if let duration {
            CoreMetrics.Timer(label: "earshot_fetch_duration_seconds").recordNanoseconds(duration.nanoseconds)
        }
    }

    /// Per-source health after a poll: up (1) or failing (0), and failures in a row.
    public static func sourceHealth(source: String, up: Bool, consecutiveFailures: Int) {
        Gauge(label: "earshot_source_up", dimensions: [("source", source)]).record(up ? 1 : 0)
        Gauge(label: "earshot_source_consecutive_failures", dimensions: [("source", source)])
            .record(consecutiveFailures)
    }

    public static func posts(seen: Int, new: Int) {
        Counter(label: "earshot_posts_seen_total").increment(by: seen)
        Counter(label: "earshot_posts_new_total").increment(by: new)
    }

    public static func mention(watch: String, count: Int = 1) {
        Counter(label: "earshot_mentions_total", dimensions: [("watch", watch)]).increment(by: count)
    }

    /// Mentions routed to the fallback: `reason` is `overflow` or `unclaimed`.
    public static func fallback(reason: String, count: Int) {
        guard count > 0 else { return }
        Counter(label: "earshot_fallback_total", dimensions: [("reason", reason)]).increment(by: count)
    }

    /// One digest delivery attempt: `outcome` is `delivered`, `retry` or `dead`.
    public static func delivery(channel: String, outcome: String, mentions: Int) {
        Counter(label: "earshot_deliveries_total", dimensions: [("channel", channel), ("outcome", outcome)])
            .increment()
        Counter(label: "earshot_delivered_mentions_total", dimensions: [("channel", channel), ("outcome", outcome)])
            .increment(by: mentions)
    }

    public static func outboxDepth(pending: Int) {
        Gauge(label: "earshot_outbox_pending").record(pending)
    }

    /// `outcome` is `ok` or `rejected`.
    public static func reload(outcome: String) {
        Counter(label: "earshot_config_reloads_total", dimensions: [("outcome", outcome)]).increment()
    }

    public static func cycle(duration: Duration) {
        CoreMetrics.Timer(label: "earshot_cycle_duration_seconds").recordNanoseconds(duration.nanoseconds)
        Gauge(label: "earshot_last_cycle_timestamp_seconds").record(Date().timeIntervalSince1970)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
