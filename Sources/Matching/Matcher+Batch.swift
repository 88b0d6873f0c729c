import EarshotCore

extension Matcher {
    /// The mentions of each of `posts`, in post order (and each post's in watch order): what ``match(_:)-(Post)``
    /// gives for each post, in one call.
    ///
    /// Faster than a call per post: the first read goes through the posts' fields copied one after another into
    /// one buffer, 16 KB at a time, which the 64-byte loop reads without starting and ending at each field, and
    /// the keys it records are checked in place in the posts' own strings.
    public func match(_ posts: [Post]) -> [Mention] {
        var mentions: [Mention] = []
        guard joinable else {
            for post in posts { mentions.append(contentsOf: match(post)) }
            return mentions
        }
        forEachScan(posts) { appendMentions(&$0, to: &mentions) }
        return mentions
    }

    /// How many watches match, over all of `posts`: the sum of ``countMatches(_:)-(Post)`` over them, in one
    /// call as ``match(_:)-([Post])`` does. For measuring the match stage without building mentions.
    public func countMatches(_ posts: [Post]) -> Int {
        guard joinable else { return posts.reduce(0) { $0 + countMatches($1) } }
        var count = 0
        forEachScan(posts) { count += matchCount(&$0) }
        return count
    }

    /// Whether each of `posts` may mention some watch's term: ``mayMention(_:)-(Post)`` of each, in one call, by
    /// one first read over their fields joined, which stops in each post at the first key.
    public func mayMention(_ posts: [Post]) -> [Bool] {
        guard joinable else { return posts.map { mayMention($0) } }
        var result = [Bool](repeating: false, count: posts.count)
        posts.withUnsafeBufferPointer { posts in
            let index = tables.index
            var text = JoinedText(textsPerPart: tables.scannedFields.rawValue.nonzeroBitCount)
            index.withReadTables { tables in
                forEachFill(of: posts, into: &text) { first, text in
                    index.mayOccur(joined: text, tables: tables) { result[first &+ $0] = true }
                } alone: { number in
                    result[number] = mayMention(posts[number])
                }
            }
        }
        return result
    }

    /// Whether posts can be read joined: the index has no unkeyed patterns (whether one of those may occur is a
    /// question for each text) and some field is scanned.
    private var joinable: Bool { tables.index.automaton == nil && !tables.scannedFields.isEmpty }

    /// Calls `body` with the scan of each of `posts` that may have a mention (every post when a watch is
    /// evaluated for every post), in order. Only when ``joinable``.
    private func forEachScan(_ posts: [Post], _ body: (inout PostScan) -> Void) {
        let index = tables.index
        let always = !tables.alwaysEvaluated.isEmpty
        var text = JoinedText(textsPerPart: tables.scannedFields.rawValue.nonzeroBitCount)
        var reads = JoinedReads(capacity: 4096, texts: text.partCapacity &* text.textsPerPart)
        posts.withUnsafeBufferPointer { posts in
            withUnsafeTemporaryAllocation(of: KeyHit.self, capacity: FieldReads.capacity) { keys in
                let keys = keys.baseAddress!
                index.withReadTables { readTables in
                    forEachFill(of: posts, into: &text) { first, text in
                        index.collect(joined: text, into: &reads, tables: readTables)
                        if always {
                            for part in 0..<text.parts {
                                scan(part, of: text, reads, post: posts[first &+ part], keys: keys, always: true, body)
                            }
                        } else {
                            // Only the posts with a text that has keys or is to be scanned.
                            var last = -1
                            for number in 0..<reads.notedCount {
                                let part = reads.notedText(number) / text.textsPerPart
                                if part != last {
                                    scan(
                                        part, of: text, reads, post: posts[first &+ part], keys: keys, always: false,
                                        body)
                                }
                                last = part
                            }
                        }
                    } alone: { number in
                        _ = withScan(posts[number], body)
                    }
                }
            }
        }
    }

    /// Calls `body` with the scan of post `part` of `text` (`post`), if the joined read found something in it or
    /// `always`.
    private func scan(
        _ part: Int, of text: borrowing JoinedText, _ reads: borrowing JoinedReads, post: Post,
        keys: UnsafeMutablePointer<KeyHit>, always: Bool, _ body: (inout PostScan) -> Void
    ) {
        let fieldReads = self.fieldReads(of: part, in: text, reads, keys: keys)
        guard !fieldReads.isEmpty || always else { return }
        var scan = PostScan(matcher: self, post: post, reads: fieldReads, keys: keys)
        body(&scan)
    }

    /// Joins `posts` into `text`, as many at a time as it holds, and calls `joined` with the index of the first
    /// post of each fill and the text; a post too long for the buffer goes to `alone` (with its index) instead.
    private func forEachFill(
        of posts: UnsafeBufferPointer<Post>, into text: inout JoinedText,
        joined: (_ first: Int, _ text: borrowing JoinedText) -> Void, alone: (Int) -> Void
    ) {
        var next = 0
        while next < posts.count {
            let first = next
            next = fill(&text, from: posts, at: next)
            if text.parts == 0 {
                alone(next)
                next &+= 1
            } else {
                joined(first, text)
            }
        }
    }

    /// Joins the scanned fields of `posts` from `next` on into `text`, as many posts as it holds; the index of
    /// the first post left out. `text` holds no post when the one at `next` is too long for it.
    private func fill(_ text: inout JoinedText, from posts: UnsafeBufferPointer<Post>, at next: Int) -> Int {
        let scanned = tables.scannedFields
        var next = next
        text.clear()
        while next < posts.count && !text.isFull {
            for field in 0..<4 where scanned.contains(FieldSet(index: field)) {
                guard PostScan.withField(field, of: posts.baseAddress! + next, { text.append($0) }) else {
                    text.dropPartialPart()
                    text.pad()
                    return next
                }
            }
            next &+= 1
        }
        text.pad()
        return next
    }

    /// What the joined read found in post `part` of `text`, as ``read(_:into:)`` finds it reading the post on
    /// its own: its keys copied into `keys`, where each starts counted from the start of its field.
    private func fieldReads(
        of part: Int, in text: borrowing JoinedText, _ reads: borrowing JoinedReads,
        keys: UnsafeMutablePointer<KeyHit>
    ) -> FieldReads {
        let scanned = tables.scannedFields
        var result = FieldReads()
        var used = 0
        var number = part &* text.textsPerPart
        for field in 0..<4 {
            if scanned.contains(FieldSet(index: field)) {
                let hits = reads.hits(of: number)
                let read: KeyRead
                if reads.mustScan(number) {
                    read = .scan
                } else if hits.isEmpty {
                    read = .nothing
                } else if used &+ hits.count > FieldReads.capacity {
                    read = .scan  // more keys than `keys` holds: scanned, as the post on its own would be
                } else {
                    read = .hits(hits.count, ascii: !tables.hasProximity || text.isASCII(number))
                }
                if result.record(read, in: field, hasProximity: tables.hasProximity) > 0 {
                    let start = text.start(of: number)
                    for hit in hits {
                        let found = reads.hits[hit]
                        keys[used] = KeyHit(
                            slot: found.slot, keyStart: Int(found.keyStart) &- start, prefix: found.prefix)
                        used &+= 1
                    }
                }
                number &+= 1
            }
            result.end(field, at: used)
        }
        return result
    }
}
