import EarshotCore
import Foundation
import Testing

@testable import Store

/// A fresh database file in its own temporary folder, removed when the test ends.
private struct TemporaryStore {
    let folder: String
    var path: String { folder + "/state/earshot.sqlite" }

    init() {
        folder = NSTemporaryDirectory() + "earshot-store-" + UUID().uuidString
    }

    func open() throws -> Store { try Store(path: path) }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

private func post(_ id: String, source: String = "blog") -> Post {
    Post(source: source, id: id, url: "https://example.com/\(id)", title: "Title \(id)", text: "Acme text \(id)")
}

private func assignEach(to ambassador: String) -> ([Post]) -> [NewAssignment] {
    { posts in
        posts.map { post in
            NewAssignment(
                ambassador: ambassador, channels: ["inbox"],
                mention: Mention(post: post, watch: "brand", terms: ["acme"], tags: ["cloud"], snippet: post.text),
                reason: "expertise")
        }
    }
}

@Test func postsAreNewOnlyOnceEvenAcrossAReopen() throws {
    let temporary = TemporaryStore()
    defer { temporary.remove() }
    do {
        let store = try temporary.open()
        let first = try store.record(posts: [post("1"), post("2"), post("2")], assign: assignEach(to: "ana"))
        #expect(first == RecordSummary(newPosts: 2, assignments: 2, outboxRows: 2))
    }
    let reopened = try temporary.open()
    var handed: [String] = []
    let second = try reopened.record(posts: [post("2"), post("3"), post("1", source: "other")]) { posts in
        handed = posts.map { "\($0.source)/\($0.id)" }
        return []
    }
    #expect(handed == ["blog/3", "other/1"])
    #expect(second.newPosts == 2)
    #expect(try reopened.hasSeen(source: "blog", id: "1"))
    #expect(try !reopened.hasSeen(source: "blog", id: "9"))
}

@Test func aFailingBatchRecordsNothing() throws {
    let temporary = TemporaryStore()
    defer { temporary.remove() }
    let store = try temporary.open()
    struct RoutingFailed: Error {}
    #expect(throws: StoreError.self) {
        try store.record(posts: [post("1")]) { _ in throw RoutingFailed() }
    }
    #expect(try !store.hasSeen(source: "blog", id: "1"))
    let retry = try store.record(posts: [post("1")], assign: assignEach(to: "ana"))
    #expect(retry.newPosts == 1)
    #expect(try store.pending().count == 1)
}

@Test func outboxRowsStayPendingUntilDelivered() throws {
    let temporary = TemporaryStore()
    defer { temporary.remove() }
    let store = try temporary.open()
    try store.record(posts: [post("1"), post("2")]) { posts in
        posts.map {
            NewAssignment(
                ambassador: "ana", channels: ["inbox", "mail"],
                mention: Mention(post: $0, watch: "brand", terms: ["acme"], tags: [], snippet: "s"),
                reason: "expertise")
        }
    }
    let pending = try store.pending()
    #expect(pending.count == 4)
    #expect(Set(pending.map(\.channel)) == ["inbox", "mail"])
    #expect(pending.first?.mention.post == post("1"))
    try store.recordFailure([pending[0]], deliveryID: "d1", error: "disk full", at: Date()) { _ in
        .retry(at: Date(timeIntervalSinceNow: 60))
    }
    #expect(try store.pending().count == 4)
    #expect(try store.statistics().failing == 1)
    try store.markDelivered(pending.prefix(3).map(\.id), deliveryID: "d2", at: Date())
    let left = try store.pending()
    #expect(left.map(\.id) == [pending[3].id])
    #expect(try store.statistics() == StoreStatistics(seenPosts: 2, pending: 1, delivered: 3, failing: 0))
}

@Test func loadsCountAssignmentsInsideTheWindow() throws {
    let temporary = TemporaryStore()
    defer { temporary.remove() }
    let store = try temporary.open()
    let dayAgo = Date(timeIntervalSinceNow: -86_400 - 60)
    try store.record(posts: [post("old")], now: dayAgo, assign: assignEach(to: "ana"))
    try store.record(posts: [post("1"), post("2")], assign: assignEach(to: "ana"))
    try store.record(posts: [post("3")], assign: assignEach(to: "ben"))
    let loads = try store.loads(since: Date(timeIntervalSinceNow: -86_400))
    #expect(loads == ["ana": 2, "ben": 1])
}

@Test func pruneForgetsOldSeenPostsButKeepsUndeliveredMentions() throws {
    let temporary = TemporaryStore()
    defer { temporary.remove() }
    let store = try temporary.open()
    let old = Date(timeIntervalSinceNow: -100 * 86_400)
    try store.record(posts: [post("delivered")], now: old, assign: assignEach(to: "ana"))
    try store.markDelivered(try store.pending().map(\.id), deliveryID: "d", at: Date())
    try store.record(posts: [post("undelivered")], now: old, assign: assignEach(to: "ana"))
    try store.record(posts: [post("recent")], assign: assignEach(to: "ana"))
    let pruned = try store.prune(before: Date(timeIntervalSinceNow: -90 * 86_400))
    #expect(pruned.seen == 2)
    #expect(pruned.assignments == 1)
    #expect(try store.pending().map(\.mention.post.id) == ["undelivered", "recent"])
    #expect(try !store.hasSeen(source: "blog", id: "delivered"))
}

@Test func sourceStatesRoundTrip() throws {
    let temporary = TemporaryStore()
    defer { temporary.remove() }
    var state = SourceState(source: "blog")
    state.etag = "\"abc\""
    state.lastModified = "Sat, 21 Nov 2026 10:00:00 GMT"
    state.lastStatus = 200
    state.consecutiveFailures = 2
    state.lastError = "boom"
    state.lastErrorAt = Date(timeIntervalSince1970: 1_700_000_000)
    do {
        let store = try temporary.open()
        try store.save([state])
        try store.record(posts: [], sources: [SourceState(source: "other")]) { _ in [] }
    }
    let states = try temporary.open().sourceStates()
    #expect(states["blog"] == state)
    #expect(states["other"]?.consecutiveFailures == 0)
}

@Test func openingAnUnwritablePathNamesIt() {
    #expect {
        try Store(path: "/proc/earshot-cannot-write-here/earshot.sqlite")
    } throws: { error in
        "\(error)".contains("/proc/earshot-cannot-write-here")
    }
}

/// Two processes on one database (two connections and claimants here) never both claim a row: the first claim
/// holds it until its outcome is recorded, its lease ends, or its process is gone; a delivered row is never
/// claimed again.
@Test func aRowIsClaimedByOnePassAtATime() throws {
    let temporary = TemporaryStore()
    defer { temporary.remove() }
    let daemon = try temporary.open()
    let command = try temporary.open()
    let (daemonPID, commandPID): (Int64, Int64) = (1_001, 1_002)
    var running: Set<Int64> = [daemonPID, commandPID]
    try daemon.record(posts: [post("1"), post("2")], assign: assignEach(to: "ana"))
    let ids = try daemon.pending().map(\.id)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let lease = now.addingTimeInterval(600)
    func claim(_ store: Store, _ pid: Int64, _ ids: [Int64], at seconds: Double, until: Date? = nil) throws -> Set<
        Int64
    > {
        try store.claim(ids, until: until ?? lease, now: now.addingTimeInterval(seconds), by: pid) {
            running.contains($0)
        }
    }
    #expect(try claim(daemon, daemonPID, [ids[0]], at: 0) == [ids[0]])
    // The other process gets only the row nobody holds; the holder may claim its own row again.
    #expect(try claim(command, commandPID, ids, at: 1) == [ids[1]])
    #expect(try claim(daemon, daemonPID, ids, at: 2) == [ids[0]])
    // A failure recorded ends the lease: the row can be claimed again (for its retry).
    try command.recordFailure(
        try command.pending().filter { $0.id == ids[1] }, deliveryID: "d", error: "451", at: now
    ) { _ in .retry(at: now) }
    #expect(try claim(daemon, daemonPID, [ids[1]], at: 3) == [ids[1]])
    // A lease that ran out lets the next pass take the row; so does its holder's death, at once.
    #expect(try claim(command, commandPID, [ids[0]], at: 599).isEmpty)
    #expect(try claim(command, commandPID, [ids[0]], at: 600, until: lease.addingTimeInterval(600)) == [ids[0]])
    running.remove(commandPID)
    #expect(try claim(daemon, daemonPID, [ids[0]], at: 601) == [ids[0]])
    // Delivered: nobody claims it again.
    try daemon.markDelivered([ids[0]], deliveryID: "d", at: lease)
    #expect(try claim(command, 1_003, [ids[0]], at: 9_000, until: lease.addingTimeInterval(9_999)).isEmpty)
}

/// This process is alive; a process that has exited is not.
@Test func aClaimantIsAliveWhileItsProcessRuns() throws {
    #expect(Store.processIsAlive(Store.thisProcess))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    #expect(!Store.processIsAlive(Int64(process.processIdentifier)))
    #expect(!Store.processIsAlive(0) && !Store.processIsAlive(-5))
}

/// The database and its write-ahead files are readable by their owner only, whatever the umask (the test runner's
/// lets others read; the store's files hold social sources' session tokens); a folder it creates is the owner's.
@Test func theDatabaseIsTheOwnersOnly() throws {
    let temporary = TemporaryStore()
    defer { temporary.remove() }
    let store = try temporary.open()
    try store.record(posts: [post("1")], assign: assignEach(to: "ana"))
    func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }
    #expect(try mode(temporary.path) == 0o600)
    #expect(try mode(temporary.path + "-wal") == 0o600)
    #expect(try mode(temporary.folder + "/state") == 0o700)
}
