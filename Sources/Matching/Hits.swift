/// The first occurrence of each pattern found in a post so far.
struct Hits {
    /// Where a pattern first occurred: a field (0 title, 1 text) and folded byte offsets.
    struct Hit {
        var pattern: Int
        var field: Int
        var start: Int
        var end: Int
    }

    /// One bit per pattern: found yet?
    private var seen: [UInt64]
    /// The first occurrences, in the order found.
    private(set) var found: [Hit] = []

    /// No hits among `patternCount` patterns.
    init(patternCount: Int) {
        seen = [UInt64](repeating: 0, count: (patternCount + 63) / 64)
    }

    /// Whether nothing was found.
    var isEmpty: Bool { found.isEmpty }

    /// Whether `pattern` was found.
    @inline(__always)
    func contains(_ pattern: Int) -> Bool {
        seen[pattern >> 6] & (1 << UInt64(pattern & 63)) != 0
    }

    /// Records `hit`, the first occurrence of its pattern.
    mutating func insert(_ hit: Hit) {
        seen[hit.pattern >> 6] |= 1 << UInt64(hit.pattern & 63)
        found.append(hit)
    }

    /// Orders ``found`` by pattern, for lookups by ``subscript(_:)``.
    mutating func sortByPattern() {
        found.sort { $0.pattern < $1.pattern }
    }

    /// The first occurrence of `pattern`, if any (after ``sortByPattern()``).
    subscript(pattern: Int) -> Hit? {
        guard contains(pattern) else { return nil }
        var low = 0
        var high = found.count - 1
        while low < high {
            let mid = (low + high) / 2
            if found[mid].pattern < pattern { low = mid + 1 } else { high = mid }
        }
        return found[low]
    }
}
