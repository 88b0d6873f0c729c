import EarshotCore

/// One post being matched: its fields folded and scanned once, the atoms found (with every occurrence), and
/// the evaluation of candidate watches.
struct PostScan {
    /// An occurrence of a pattern before its atoms' checks.
    struct RawHit {
        var pattern: Int32
        var field: UInt8
        var atBoundary: Bool
        var start: Int32
        var end: Int32
    }

    /// A verified occurrence of an atom, in folded byte offsets of its field.
    struct Occurrence {
        var atom: Int32
        var field: UInt8
        var start: Int32
        var end: Int32
    }

    /// The matcher's tables (read through the reference, so that reading a table retains nothing).
    let tables: Matcher.Tables
    let post: Post
    /// The folded title, text, author and URL, for the fields scanned in full.
    private(set) var folded = FieldValues<FoldedText>()
    /// Fields that were not folded (their keys were checked in place): their occurrences are in offsets of the
    /// original text.
    private(set) var direct: FieldSet = []
    /// Sorted by atom, then field and offset.
    private(set) var occurrences: [Occurrence] = []
    /// The occurrences of each atom found.
    private(set) var ranges = AtomRanges()
    private var markerCounts = FieldValues<[Int32]>()
    private var hostsCache: [String]?
    /// Whether any watch needs evaluating.
    private(set) var hasCandidates = false

    /// Scans the fields in `fields` (those ``Matcher/possibleFields(_:)`` found; by default it is asked), each
    /// folded and scanned in full.
    init(matcher: Matcher, post: Post, fields: FieldSet? = nil) {
        self.tables = matcher.tables
        self.post = post
        scanInFull(fields ?? matcher.possibleFields(post))
    }

    /// Scans the post as the collecting first read found it: fields in `reads.scan` are folded and scanned,
    /// those in `reads.direct` only have the patterns of their keys (in `keys`) checked in place.
    init(matcher: Matcher, post: Post, reads: FieldReads, keys: UnsafePointer<KeyHit>) {
        self.tables = matcher.tables
        self.post = post
        read(reads, keys: keys)
    }

    // The initializers' work is done by the two methods below: with it in the initializers' own bodies, the
    // compiler built the struct aside and copied it out (a retain and a release of each of its arrays and
    // strings, about 4% of the match stage at 10,000 terms).

    /// Folds and scans `fields` in full.
    private mutating func scanInFull(_ fields: FieldSet) {
        var hits: [RawHit] = []
        for field in 0..<4 where fields.contains(FieldSet(index: field)) { foldAndScan(field, into: &hits) }
        hasCandidates = !hits.isEmpty || !tables.alwaysEvaluated.isEmpty
        if !hits.isEmpty { verify(hits) }
    }

    /// Checks the keys of `reads.direct` in place and folds and scans `reads.scan`.
    private mutating func read(_ reads: FieldReads, keys: UnsafePointer<KeyHit>) {
        direct = reads.direct
        var hits: [RawHit] = []
        for field in 0..<4 {
            if reads.scan.contains(FieldSet(index: field)) {
                foldAndScan(field, into: &hits)
            } else if reads.direct.contains(FieldSet(index: field)) {
                let checked = hits.count
                if !check(keys, reads.hits(of: field), field: field, into: &hits) {
                    // A comparison reached a character only the fold can judge: fold and scan after all.
                    hits.removeSubrange(checked...)
                    direct.remove(FieldSet(index: field))
                    foldAndScan(field, into: &hits)
                }
            }
        }
        hasCandidates = !hits.isEmpty || !tables.alwaysEvaluated.isEmpty
        if !hits.isEmpty { verify(hits) }
    }

    /// Folds field `field`, keeps the fold, and appends the occurrences the scan finds in it to `hits`.
    private mutating func foldAndScan(_ field: Int, into hits: inout [RawHit]) {
        let text = FoldedText(text(field))
        scan(text, field: field, into: &hits)
        folded[field] = text
    }

    /// Field `index` of the post.
    func text(_ index: Int) -> String { Self.field(index, of: post) }

    /// Calls `body` with the UTF-8 of field `index` of `post`, without copying the string (a native string is
    /// contiguous already; another one is copied once).
    @inline(__always)
    static func withField<R>(_ index: Int, of post: Post, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafePointer(to: post) { withField(index, of: $0, body) }
    }

    /// ``withField(_:of:_:)-(_,Post,_)`` for a post in place, such as one of a batch's: reading `posts[i]` would
    /// copy the post (a retain and a release of each of its strings), which cost a fifth of the joined read.
    @inline(__always)
    static func withField<R>(
        _ index: Int, of post: UnsafePointer<Post>, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        func read(_ text: String) -> R {
            if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
            var copy = text
            return copy.withUTF8(body)
        }
        switch index {
        case 0: return read(post.pointee.title)
        case 1: return read(post.pointee.text)
        case 2: return read(post.pointee.author ?? "")
        default: return read(post.pointee.url ?? "")
        }
    }

    /// Field `index` of `post` (title, text, author, URL; a missing one as empty), as ``FieldSet`` numbers them.
    static func field(_ index: Int, of post: Post) -> String {
        switch index {
        case 0: post.title
        case 1: post.text
        case 2: post.author ?? ""
        default: post.url ?? ""
        }
    }

    /// Appends the occurrences of patterns in `text` to `hits`, dropping those that lack a required boundary
    /// after.
    private func scan(_ text: FoldedText, field: Int, into hits: inout [RawHit]) {
        tables.patterns.withUnsafeBufferPointer { patterns in
            text.bytes.withUnsafeBufferPointer { bytes in
                tables.index.scan(bytes) { id, end in
                    let pattern = patterns[id]
                    var atBoundary = true
                    if pattern.flags.contains(.boundaryAfter) && end < bytes.count
                        && WordBoundary.kind(at: end, in: bytes) == .word
                    {
                        if pattern.flags.contains(.boundaryRequired) { return }
                        atBoundary = false
                    }
                    let start = end - Int(pattern.length)
                    hits.append(
                        RawHit(
                            pattern: Int32(id), field: UInt8(field), atBoundary: atBoundary, start: Int32(start),
                            end: Int32(end)))
                }
            }
        }
    }

    /// Appends the occurrences of the patterns of `keys[range]` (keys the first read found in field `field`) to
    /// `hits`, dropping those that lack a required boundary after, and `#` or `@` terms after a word; false when
    /// a comparison reached a non-ASCII character (the field must then be folded and scanned).
    private func check(
        _ keys: UnsafePointer<KeyHit>, _ range: Range<Int>, field: Int, into hits: inout [RawHit]
    ) -> Bool {
        var text = self.text(field)
        return text.withUTF8 { bytes in
            var decided = true
            for key in range where decided {
                decided =
                    tables.index.verifyASCII(keys[key], in: bytes) { id, start, end in
                        let flags = tables.patterns[id].flags
                        var atBoundary = true
                        if flags.contains(.boundaryAfter) && end < bytes.count {
                            if bytes[end] >= 0x80 {
                                decided = false
                                return
                            }
                            if FoldedText.asciiWord[Int(bytes[end])] != 0 {
                                if flags.contains(.boundaryRequired) { return }
                                atBoundary = false
                            }
                        }
                        if flags.contains(.tagStart) && start > 0 {
                            if bytes[start - 1] >= 0x80 {
                                decided = false
                                return
                            }
                            if FoldedText.asciiWord[Int(bytes[start - 1])] != 0 { return }
                        }
                        hits.append(
                            RawHit(
                                pattern: Int32(id), field: UInt8(field), atBoundary: atBoundary, start: Int32(start),
                                end: Int32(end)))
                    } && decided
            }
            return decided
        }
    }

    /// Turns hits into occurrences of the atoms that use their patterns.
    private mutating func verify(_ hits: [RawHit]) {
        for hit in hits {
            let pattern = Int(hit.pattern)
            let field = Int(hit.field)
            let end = Int(hit.end)
            let start = Int(hit.start)
            // A direct field's hits were checked for a word before a `#` or `@` already.
            let info = tables.patterns[pattern]
            if info.flags.contains(.tagStart) && start > 0, let text = folded[field] {
                let before = text.bytes.withUnsafeBufferPointer { WordBoundary.kind(before: start, in: $0) }
                if before == .word { continue }
            }
            for position in Int(info.atomsStart)..<Int(info.atomsEnd) {
                let atom = tables.patternAtoms[position]
                let atomInfo = tables.atomInfo[Int(atom)]
                guard atomInfo.fields.contains(FieldSet(index: field)) else { continue }
                var occurrenceEnd = end
                if atomInfo.plain {
                    // Most atoms: boundaries only, answered without copying the atom out.
                    guard hit.atBoundary else { continue }
                } else {
                    guard case .text(_, _, let check) = tables.atoms[Int(atom)].kind else { continue }
                    switch check {
                    case .plain:
                        guard hit.atBoundary else { continue }
                    case .raw(let exact):
                        guard hit.atBoundary else { continue }
                        let offsets = folded[field]?.originalOffsets([start, end]) ?? [start, end]
                        let original = self.text(field).utf8
                        let lower = original.index(original.startIndex, offsetBy: offsets[0])
                        let upper = original.index(original.startIndex, offsetBy: offsets[1])
                        guard original[lower..<upper].elementsEqual(exact) else { continue }
                    case .wildcard(let rest):
                        // In a direct field the key's word is ASCII (a word with other characters stops the
                        // first read), so lowercasing ASCII is its fold.
                        let bytes: [UInt8] =
                            folded[field]?.bytes
                            ?? self.text(field).utf8.map { $0 < 0x80 ? FoldedText.asciiFold[Int($0)] : $0 }
                        guard let tailEnd = Self.wildcardEnd(bytes, from: end, rest: rest) else { continue }
                        occurrenceEnd = tailEnd
                    }
                }
                occurrences.append(
                    Occurrence(atom: atom, field: hit.field, start: Int32(start), end: Int32(occurrenceEnd)))
            }
        }
        occurrences.sort { ($0.atom, $0.field, $0.start) < ($1.atom, $1.field, $1.start) }
        var index = 0
        while index < occurrences.count {
            let atom = occurrences[index].atom
            var next = index + 1
            while next < occurrences.count && occurrences[next].atom == atom { next += 1 }
            ranges.append(atom: Int(atom), index..<next)
            index = next
        }
    }

    /// Where the word that continues at `from` ends if its rest matches `rest` (`*` any letters, `?` one);
    /// nil when it does not.
    static func wildcardEnd(_ bytes: [UInt8], from: Int, rest: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { bytes in
            var end = from
            while end < bytes.count && bytes[end] != FoldedText.marker
                && WordBoundary.kind(at: end, in: bytes) == .word
            {
                end += UTF8Decoding.length(lead: bytes[end])
            }
            return glob(rest[...], bytes[from..<end]) ? end : nil
        }
    }

    private static func glob(_ pattern: ArraySlice<UInt8>, _ word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let first = pattern.first else { return word.isEmpty }
        switch first {
        case UInt8(ascii: "*"):
            var index = word.startIndex
            while true {
                if glob(pattern.dropFirst(), word[index...]) { return true }
                guard index < word.endIndex else { return false }
                index += UTF8Decoding.length(lead: word[index])
            }
        case UInt8(ascii: "?"):
            guard let lead = word.first else { return false }
            return glob(pattern.dropFirst(), word.dropFirst(UTF8Decoding.length(lead: lead)))
        default:
            guard word.first == first else { return false }
            return glob(pattern.dropFirst(), word.dropFirst())
        }
    }

    // MARK: - Evaluation

    /// The watches worth evaluating, in order: those using an atom that was found, and those evaluated always.
    func candidates() -> ArraySlice<Int32> {
        var result = tables.alwaysEvaluated[...]
        // Each source is sorted and has no repeats already: one source is the answer as it is.
        var sources = result.isEmpty ? 0 : 1
        for atom in ranges.atoms {
            let info = tables.atomInfo[atom]
            let watches = tables.atomWatches[Int(info.watchesStart)..<Int(info.watchesEnd)]
            guard !watches.isEmpty else { continue }
            if sources == 0 {
                result = watches
            } else {
                if sources == 1 { result = Array(result)[...] }
                result.append(contentsOf: watches)
            }
            sources += 1
        }
        guard sources > 1 else { return result }
        result.sort()
        var kept = 0
        for watch in result where kept == 0 || result[kept - 1] != watch {
            result[kept] = watch
            kept += 1
        }
        result.removeLast(result.count - kept)
        return result
    }

    /// Whether `atom` holds for the post.
    mutating func holds(_ atom: Int) -> Bool {
        // Most atoms are textual: answered without copying the atom (whose check may hold arrays) out.
        if tables.atomInfo[atom].textual { return ranges[atom] != nil }
        switch tables.atoms[atom].kind {
        case .text: return ranges[atom] != nil
        case .source(let source): return post.source == source
        case .lang(let lang):
            guard let tag = post.lang?.lowercased() else { return false }
            return tag == lang || tag.hasPrefix(lang + "-") || tag.hasPrefix(lang + "_")
        case .domain(let domain):
            if hostsCache == nil { hostsCache = Self.hosts(of: post) }
            return hostsCache!.contains { $0 == domain || $0.hasSuffix("." + domain) }
        }
    }

    /// Whether the program of the watch at `watch` (in ``Matcher/watches``) holds for the post, from its flat
    /// steps.
    mutating func evaluate(watch: Int) -> Bool {
        let tables = self.tables
        return tables.steps.withUnsafeBufferPointer { steps in
            evaluate(steps, at: Int(tables.watchInfo[watch].steps), watch)
        }
    }

    private mutating func evaluate(_ steps: UnsafeBufferPointer<ProgramStep>, at index: Int, _ watch: Int) -> Bool {
        let step = steps[index]
        switch step.kind {
        case .atom:
            return holds(Int(step.value))
        case .and, .or:
            let wanted = step.kind == .or
            var child = index + 1
            for _ in 0..<step.value {
                if evaluate(steps, at: child, watch) == wanted { return wanted }
                child += Int(steps[child].size)
            }
            return !wanted
        case .not:
            return !evaluate(steps, at: index + 1, watch)
        case .near:
            return evaluate(tables.watches[watch].nears[Int(step.value)])
        }
    }

    /// Whether `program` holds for the post.
    mutating func evaluate(_ program: Program) -> Bool {
        switch program {
        case .atom(let atom, _):
            return holds(atom)
        case .and(let programs):
            for program in programs where !evaluate(program) { return false }
            return true
        case .or(let programs):
            for program in programs where evaluate(program) { return true }
            return false
        case .not(let program):
            return !evaluate(program)
        case .near(let left, let right, let distance, let ordered, _):
            return nearPair(left: left, right: right, distance: distance, ordered: ordered) != nil
        }
    }

    /// The first pair of occurrences (left, right) within `distance` words, if any.
    mutating func nearPair(left: [Int], right: [Int], distance: Int, ordered: Bool) -> (Occurrence, Occurrence)? {
        for a in left {
            guard let aRange = ranges[a] else { continue }
            for b in right {
                guard let bRange = ranges[b] else { continue }
                for i in aRange {
                    for j in bRange {
                        let x = occurrences[i]
                        let y = occurrences[j]
                        guard x.field == y.field else { continue }
                        if within(x, before: y, distance: distance)
                            || !ordered && within(y, before: x, distance: distance)
                        {
                            return (x, y)
                        }
                    }
                }
            }
        }
        return nil
    }

    /// Whether `first` ends before `second` starts with at most `distance` words between them.
    private mutating func within(_ first: Occurrence, before second: Occurrence, distance: Int) -> Bool {
        guard first.end <= second.start else { return false }
        let field = Int(first.field)
        if markerCounts[field] == nil, let text = folded[field] {
            var counts = [Int32](repeating: 0, count: text.bytes.count + 1)
            var count: Int32 = 0
            for (index, byte) in text.bytes.enumerated() {
                counts[index] = count
                if byte == FoldedText.marker { count += 1 }
            }
            counts[text.bytes.count] = count
            markerCounts[field] = counts
        } else if markerCounts[field] == nil && direct.contains(FieldSet(index: field)) {
            // Word starts stand for markers: the same counts at the same places of the unfolded text, which is
            // ASCII (a field with other characters is checked in place only when no watch has a proximity).
            let bytes = Array(text(field).utf8)
            var counts = [Int32](repeating: 0, count: bytes.count + 1)
            var count: Int32 = 0
            var lastWasWord = false
            for (index, byte) in bytes.enumerated() {
                counts[index] = count
                let word = byte < 0x80 && FoldedText.asciiWord[Int(byte)] != 0
                if word && !lastWasWord { count += 1 }
                lastWasWord = word
            }
            counts[bytes.count] = count
            markerCounts[field] = counts
        }
        guard let counts = markerCounts[field] else { return false }
        // Words are numbered by the markers before them; an occurrence spans the words whose markers lie in it.
        let firstLast = counts[Int(first.end)]
        let secondFirst = counts[min(Int(second.start) + 2, counts.count - 1)]
        let gap = Int(secondFirst) - Int(firstLast) - 1
        return gap <= distance
    }

    // MARK: - Reporting

    /// The reported terms of the watch at `watch` (in ``Matcher/watches``) that hold, and the earliest title or
    /// text occurrence among them.
    mutating func reportedTerms(of watch: Int) -> ([String], Occurrence?) {
        let info = tables.watchInfo[watch]
        if info.textualTerms, let reported = reportedTermsOfFoundAtoms(info) { return reported }
        return reportedTermsOneByOne(of: watch)
    }

    /// ``reportedTerms(of:)`` for a watch whose reported terms are all textual, from the few atoms found rather
    /// than from all the watch's terms: each found atom's one reported term (``Matcher/AtomInfo/term``, in the
    /// record the scan has just read) that is the watch's. With 10,000 terms the watch's term tables are cache
    /// misses; this is about 5% of the match stage. Nil (go term by term) when a found atom finds several terms
    /// or the watch has more than 64 terms.
    func reportedTermsOfFoundAtoms(_ info: Matcher.WatchInfo) -> ([String], Occurrence?)? {
        guard info.termsEnd - info.termsStart <= 64 else { return nil }
        var first: Occurrence?
        // The watch's terms found, one bit each from its first term on: in the watch's order, each once.
        var found: UInt64 = 0
        for (atom, range) in ranges.entries {
            let term = tables.atomInfo[atom].term
            if term == Matcher.AtomInfo.severalTerms { return nil }
            guard term >= info.termsStart && term < info.termsEnd else { continue }
            found |= 1 << UInt64(term - info.termsStart)
            keepEarliest(range, in: &first)
        }
        var terms: [String] = []
        terms.reserveCapacity(found.nonzeroBitCount)
        while found != 0 {
            terms.append(tables.termNames[Int(info.termsStart) + found.trailingZeroBitCount])
            found &= found - 1
        }
        return (terms, first)
    }

    /// Makes `first` the earlier of itself and the first title or text occurrence in `range` (one atom's).
    private func keepEarliest(_ range: Range<Int>, in first: inout Occurrence?) {
        for index in range where occurrences[index].field < 2 {
            let occurrence = occurrences[index]
            if first.map({ (occurrence.field, occurrence.start) < ($0.field, $0.start) }) ?? true {
                first = occurrence
            }
            break
        }
    }

    /// ``reportedTerms(of:)`` term by term, through all the watch's terms and their atoms: for watches with
    /// terms that hold without being found in the text (`lang:`, `source:`), and the reference the quicker way
    /// is tested against.
    mutating func reportedTermsOneByOne(of watch: Int) -> ([String], Occurrence?) {
        let tables = self.tables
        var terms: [String] = []
        var first: Occurrence?
        let info = tables.watchInfo[watch]
        let firstTerm = Int(info.termsStart)
        var start = firstTerm == 0 ? 0 : Int(tables.termEnds[firstTerm - 1])
        // With textual atoms only (most watches), an atom holds exactly when it was found.
        let textual = info.textualTerms
        for term in firstTerm..<Int(info.termsEnd) {
            let end = Int(tables.termEnds[term])
            var found = false
            for position in start..<end {
                let atom = Int(tables.termAtoms[position])
                let range = ranges[atom]
                guard range != nil || (!textual && holds(atom)) else { continue }
                found = true
                guard let range else { continue }
                keepEarliest(range, in: &first)
            }
            if found { terms.append(tables.termNames[term]) }
            start = end
        }
        return (terms, first)
    }

    /// The original UTF-8 offsets of an occurrence.
    func originalSpan(_ occurrence: Occurrence) -> (start: Int, end: Int) {
        guard let text = folded[Int(occurrence.field)] else {
            return direct.contains(FieldSet(index: Int(occurrence.field)))
                ? (Int(occurrence.start), Int(occurrence.end)) : (0, 0)
        }
        let offsets = text.originalOffsets([Int(occurrence.start), Int(occurrence.end)])
        return (offsets[0], offsets[1])
    }

    /// A snippet around `occurrence`, or from the start of the text (else the title) without one.
    func snippet(around occurrence: Occurrence?) -> String {
        guard let occurrence else {
            return Snippet.make(from: post.text.isEmpty ? post.title : post.text, start: 0, end: 0)
        }
        let span = originalSpan(occurrence)
        return Snippet.make(from: text(Int(occurrence.field)), start: span.start, end: span.end)
    }

    // MARK: - Domains

    /// Hosts of the post's URL and of `http(s)://` URLs in its title and text, lowercased.
    static func hosts(of post: Post) -> [String] {
        var hosts: [String] = []
        if let url = post.url, let host = host(after: Array(url.utf8), scheme: true) { hosts.append(host) }
        for text in [post.title, post.text] where text.utf8.count > 8 {
            let bytes = Array(text.utf8)
            var index = 0
            while index + 3 <= bytes.count {
                if bytes[index] == UInt8(ascii: ":") && index + 3 <= bytes.count
                    && bytes[index + 1] == UInt8(ascii: "/") && bytes[index + 2] == UInt8(ascii: "/")
                {
                    let scheme = bytes[max(0, index - 5)..<index].map { $0 | 0x20 }
                    if scheme.suffix(4).elementsEqual("http".utf8) || scheme.elementsEqual("https".utf8),
                        let host = host(after: Array(bytes[(index + 3)...]), scheme: false)
                    {
                        hosts.append(host)
                    }
                    index += 3
                } else {
                    index += 1
                }
            }
        }
        return hosts
    }

    /// The host at the start of `bytes` (after `scheme://` when `scheme`), without user info, port or final dot.
    private static func host(after bytes: [UInt8], scheme: Bool) -> String? {
        var start = 0
        if scheme {
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon + 2 < bytes.count,
                bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
            else { return nil }
            start = colon + 3
        }
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte <= 0x20 || "/?#\"'<>()[]{}\\|,;".utf8.contains(byte) { break }
            end += 1
        }
        var host = Array(bytes[start..<end])
        if let at = host.lastIndex(of: UInt8(ascii: "@")) { host.removeSubrange(...at) }
        if let colon = host.firstIndex(of: UInt8(ascii: ":")) { host.removeSubrange(colon...) }
        while host.last == UInt8(ascii: ".") { host.removeLast() }
        guard !host.isEmpty else { return nil }
        return String(decoding: host, as: UTF8.self).lowercased()
    }
}

/// One optional value per scanned field (title, text, author, URL), stored inline.
struct FieldValues<Value> {
    private var values: (Value?, Value?, Value?, Value?) = (nil, nil, nil, nil)

    subscript(field: Int) -> Value? {
        get {
            switch field {
            case 0: values.0
            case 1: values.1
            case 2: values.2
            default: values.3
            }
        }
        set {
            switch field {
            case 0: values.0 = newValue
            case 1: values.1 = newValue
            case 2: values.2 = newValue
            default: values.3 = newValue
            }
        }
    }
}

/// Where each atom found in a post has its occurrences (a range of ``PostScan/occurrences``), in atom order: a
/// post has few, so a sorted array searched in place beats a hashed dictionary.
struct AtomRanges {
    /// Each atom found and its occurrences, in the order of the atoms.
    private(set) var entries: [(atom: Int, range: Range<Int>)] = []

    /// Adds the occurrences of `atom`, which must follow every atom added before.
    mutating func append(atom: Int, _ range: Range<Int>) {
        entries.append((atom, range))
    }

    /// The occurrences of `atom`, if it was found.
    subscript(atom: Int) -> Range<Int>? {
        if entries.count <= 4 {
            // Most posts find an atom or two: a look at each beats a binary search.
            for entry in entries where entry.atom == atom { return entry.range }
            return nil
        }
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].atom < atom { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].atom == atom ? entries[low].range : nil
    }

    /// The atoms found, in order.
    var atoms: some Sequence<Int> { entries.lazy.map(\.atom) }
}
