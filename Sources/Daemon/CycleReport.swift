import Foundation

/// What one poll cycle did, for the one-line summary, logs and status.
public struct CycleReport: Sendable, Equatable {
    public var sources = 0
    public var fetched = 0
    public var notModified = 0
    public var failed = 0
    /// Sources skipped because they answered 410 Gone for their configured URL.
    public var gone = 0
    public var posts = 0
    public var newPosts = 0
    public var mentions = 0
    public var assignments = 0
    /// Mentions that went to the fallback because every fitting ambassador was full.
    public var overflow = 0
    /// Mentions that went to the fallback because nobody's expertise fits.
    public var unclaimed = 0
    /// Batches that could not be stored (their posts stay unseen and are retried next cycle).
    public var storeFailures = 0
    public var bytes = 0
    public var duration: Duration = .zero

    public init() {}

    /// `12 sources (9 fetched, 2 not modified, 1 failed) · 340 posts, 120 new · 15 mentions → 20 assignments`.
    public var summary: String {
        var text = "\(sources) sources (\(fetched) fetched, \(notModified) not modified, \(failed) failed"
        text += gone > 0 ? ", \(gone) gone)" : ")"
        text += " · \(posts) posts, \(newPosts) new · \(mentions) mentions → \(assignments) assignments"
        if overflow + unclaimed > 0 { text += " (\(overflow) overflow, \(unclaimed) unclaimed to fallback)" }
        if storeFailures > 0 { text += " · \(storeFailures) batches NOT stored" }
        return text
    }
}

/// What one delivery pass did.
public struct DeliveryReport: Sendable, Equatable {
    public var digests = 0
    public var delivered = 0
    public var failedDigests = 0
    /// Outbox rows for an ambassador or channel that is no longer configured; kept pending.
    public var stranded = 0
    /// Outbox rows held for a digest schedule or quiet hours.
    public var held = 0
    /// Outbox rows that became dead letters in this pass (permanent failure, or 24 hours of failures).
    public var deadLettered = 0
    /// Outbox rows another process was delivering (it holds their lease): left to it, not sent twice.
    public var claimedElsewhere = 0
    /// When the next held row or retry falls due, if any: the daemon wakes then to deliver.
    public var nextWake: Date?

    public init() {}

    public var summary: String {
        var text = "\(digests) digests (\(delivered) mentions)"
        if failedDigests > 0 { text += ", \(failedDigests) failed" }
        if held > 0 { text += ", \(held) held for schedules" }
        if deadLettered > 0 { text += ", \(deadLettered) dead letters" }
        if stranded > 0 { text += ", \(stranded) waiting for a removed ambassador or channel" }
        if claimedElsewhere > 0 { text += ", \(claimedElsewhere) being delivered by another process" }
        return text
    }
}
