/// An Aho-Corasick automaton over folded UTF-8: finds every occurrence of every pattern in one pass over the
/// text, at a cost that grows with the text's length and not with the number of patterns. ``WordIndex`` uses it
/// for the patterns it cannot file under a word (those without letters or digits, like `東京` or an emoji).
///
/// The automaton is a dense DFA over byte classes (bytes that occur in no pattern share one class), with state
/// ids premultiplied by the class count and states that report matches numbered last, so the inner loop is a
/// table lookup and a compare per byte.
struct Automaton: Sendable {
    /// Byte → class.
    private let classes: [UInt8]
    /// Number of byte classes, including class 0 for bytes in no pattern.
    private let classCount: Int
    /// `transitions[state + class]`, states premultiplied by `classCount`; state 0 is the start.
    private let transitions: [Int32]
    /// Premultiplied ids at or above this report matches.
    private let firstMatchingState: Int32
    /// For matching state `k` (counted from `firstMatchingState`), the patterns it reports are
    /// `outputs[outputStarts[k]..<outputStarts[k + 1]]`.
    private let outputStarts: [Int32]
    private let outputs: [Int32]
    /// Pattern lengths in bytes.
    let patternLengths: [Int]
    /// For ``prefilter(_:)``: byte → class of its ASCII fold (whitespace as a space), for
    /// bytes below 0x80.
    private let foldedClasses: [Int32]
    /// The class of ``FoldedText/marker``.
    private let markerClass: Int32

    /// Builds the automaton for `patterns` (non-empty byte strings; pattern ids are their indices).
    init(patterns: [[UInt8]]) {
        patternLengths = patterns.map(\.count)

        // Byte classes.
        var used = [Bool](repeating: false, count: 256)
        for pattern in patterns { for byte in pattern { used[Int(byte)] = true } }
        var classes = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for byte in 0..<256 where used[byte] {
            classes[byte] = UInt8(classCount)
            classCount += 1
        }

        // Trie, with transitions stored densely (-1 = none).
        var goto = [Int32](repeating: -1, count: classCount)
        var own: [Int32] = [-1]  // pattern ending at each node
        var lastByte: [UInt8] = [0]  // the byte that leads to each node
        for (id, pattern) in patterns.enumerated() {
            var node = 0
            for byte in pattern {
                let slot = node * classCount + Int(classes[Int(byte)])
                if goto[slot] < 0 {
                    goto[slot] = Int32(own.count)
                    own.append(-1)
                    lastByte.append(byte)
                    goto += repeatElement(-1, count: classCount)
                }
                node = Int(goto[slot])
            }
            own[node] = Int32(id)
        }
        let nodeCount = own.count

        // Failure links in breadth-first order turn the trie into a DFA; outputs accumulate along them.
        var fail = [Int](repeating: 0, count: nodeCount)
        var reports = [[Int32]](repeating: [], count: nodeCount)
        var order = [0]
        order.reserveCapacity(nodeCount)
        for c in 0..<classCount {
            if goto[c] < 0 { goto[c] = 0 } else { order.append(Int(goto[c])) }
        }
        var next = 1
        while next < order.count {
            let node = order[next]
            next += 1
            if own[node] >= 0 { reports[node].append(own[node]) }
            reports[node] += reports[fail[node]]
            for c in 0..<classCount {
                let slot = node * classCount + c
                let failTarget = Int(goto[fail[node] * classCount + c])
                if goto[slot] < 0 {
                    goto[slot] = Int32(failTarget)
                } else {
                    let child = Int(goto[slot])
                    fail[child] = failTarget
                    order.append(child)
                }
            }
        }

        // Renumber: non-matching states first, then matching ones, each in breadth-first order so that the
        // shallow states a scan spends most of its time in sit together; the start stays 0. Premultiply.
        var newID = [Int32](repeating: 0, count: nodeCount)
        var plain = 0
        for node in order where reports[node].isEmpty {
            newID[node] = Int32(plain)
            plain += 1
        }
        var outputStarts: [Int32] = [0]
        var outputs: [Int32] = []
        var matching = plain
        for node in order where !reports[node].isEmpty {
            newID[node] = Int32(matching)
            matching += 1
            outputs += reports[node]
            outputStarts.append(Int32(outputs.count))
        }
        var transitions = [Int32](repeating: 0, count: nodeCount * classCount)
        let spaceClass = Int(classes[Int(UInt8(ascii: " "))])
        for node in 0..<nodeCount {
            let row = Int(newID[node]) * classCount
            for c in 0..<classCount {
                transitions[row + c] = newID[Int(goto[node * classCount + c])] * Int32(classCount)
            }
            // A space after a space changes nothing: folded text has none, and the prefilter reads unfolded
            // text whose whitespace runs this collapses.
            if node != 0 && spaceClass != 0 && lastByte[node] == UInt8(ascii: " ") {
                transitions[row + spaceClass] = newID[node] * Int32(classCount)
            }
        }
        self.foldedClasses = (0..<128).map { Int32(classes[Int(FoldedText.asciiFold[$0])]) }
        self.markerClass = Int32(classes[Int(FoldedText.marker)])

        self.classes = classes
        self.classCount = classCount
        self.transitions = transitions
        self.firstMatchingState = Int32(plain * classCount)
        self.outputStarts = outputStarts
        self.outputs = outputs
    }

    /// Number of DFA states.
    var stateCount: Int { transitions.count / classCount }

    /// Calls `report(pattern, end)` for every occurrence of every pattern in `text`, in order of `end` (the
    /// offset just after the occurrence).
    @inline(__always)
    func scan(_ text: UnsafeBufferPointer<UInt8>, report: (_ pattern: Int, _ end: Int) -> Void) {
        classes.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { transitions in
                let threshold = firstMatchingState
                var state: Int32 = 0
                for offset in 0..<text.count {
                    state = transitions[Int(state) &+ Int(classes[Int(text[offset])])]
                    if state >= threshold {
                        let k = Int((state - threshold)) / classCount
                        for index in Int(outputStarts[k])..<Int(outputStarts[k + 1]) {
                            report(Int(outputs[index]), offset + 1)
                        }
                    }
                }
            }
        }
    }

    /// Whether some pattern may occur in the folded form of `text` (unfolded UTF-8), folding as it goes, without
    /// building the folded text: ASCII is folded through the byte classes and whitespace runs collapse in the
    /// automaton; other scalars are folded by ``ScalarFold`` into a small buffer. Any occurrence counts (the
    /// patterns it holds have no word character, so none needs a boundary after it). No false negatives: when this
    /// returns false, a full scan finds nothing.
    func prefilter(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = text.count
        guard count > 0 else { return false }
        return transitions.withUnsafeBufferPointer { transitions in
            foldedClasses.withUnsafeBufferPointer { foldedClasses in
                FoldedText.asciiWord.withUnsafeBufferPointer { isWord in
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * (ScalarFold.maxGrowth + 1)) { buffer in
                        let threshold = firstMatchingState
                        let markerClass = self.markerClass
                        var state: Int32 = 0
                        var lastWord: UInt8 = 0
                        var offset = 0
                        while offset < count {
                            let byte = text[offset]
                            if byte < 0x80 {
                                let word = isWord[Int(byte)]
                                let viaMarker = transitions[Int(state &+ markerClass)]
                                if word & ~lastWord & 1 != 0 {
                                    state = viaMarker
                                    if state >= threshold { return true }
                                }
                                state = transitions[Int(state &+ foldedClasses[Int(byte)])]
                                lastWord = word
                                offset &+= 1
                                if state >= threshold { return true }
                            } else {
                                let length = UTF8Decoding.length(lead: byte)
                                let scalar = UTF8Decoding.scalar(at: offset, in: text)
                                let result = ScalarFold.write(
                                    scalar, source: text.baseAddress! + offset, length: length,
                                    to: buffer.baseAddress!)
                                offset &+= length
                                guard result.count > 0 else { continue }
                                if result.first == .word && lastWord == 0 {
                                    state = transitions[Int(state &+ markerClass)]
                                    if state >= threshold { return true }
                                }
                                for index in 0..<result.count {
                                    let folded = buffer[index]
                                    let c = classes[Int(folded)]
                                    state = transitions[Int(state &+ Int32(c))]
                                    if state >= threshold { return true }
                                }
                                lastWord = result.last == .word ? 1 : 0
                            }
                        }
                        return false
                    }
                }
            }
        }
    }
}
