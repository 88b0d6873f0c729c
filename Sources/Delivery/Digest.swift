import EarshotCore
import Foundation

/// The mentions one ambassador gets in one delivery, in the order they were assigned.
public struct Digest: Sendable {
    /// One mention with the reason it was routed to this person.
    public struct Item: Sendable, Hashable {
        public var mention: Mention
        /// `expertise`, `overflow` or `unclaimed`.
        public var reason: String
        /// From a watch marked `urgent`.
        public var urgent: Bool

        public init(mention: Mention, reason: String, urgent: Bool = false) {
            self.mention = mention
            self.reason = reason
            self.urgent = urgent
        }
    }

    /// Stable for the same set of outbox rows, so that a redelivery after a crash carries the same Message-ID.
    public var id: String
    public var recipient: Recipient
    public var items: [Item]
    public var createdAt: Date

    public init(id: String, recipient: Recipient, items: [Item], createdAt: Date) {
        self.id = id
        self.recipient = recipient
        self.items = items
        self.createdAt = createdAt
    }

    /// A digest id derived from the outbox row ids it carries (FNV-1a over the sorted ids).
    public static func id(outboxIDs: [Int64]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for id in outboxIDs.sorted() {
            var value = UInt64(bitPattern: id)
            for _ in 0..<8 {
                hash ^= value & 0xff
                hash &*= 0x100_0000_01b3
                value >>= 8
            }
        }
        return String(hash, radix: 16)
    }

    /// Watch ids in first-seen order with their counts.
    public var watchCounts: [(watch: String, count: Int)] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for item in items {
            if counts[item.mention.watch] == nil { order.append(item.mention.watch) }
            counts[item.mention.watch, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }
    }
}
