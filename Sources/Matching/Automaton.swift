/// An Aho-Corasick automaton over folded UTF-8: finds every occurrence of every pattern in one pass over the
/// text, at a cost that grows with the text's length and not with the number of patterns.
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
        for (id, pattern) in patterns.enumerated() {
            var node = 0
            for byte in pattern {
                let slot = node * classCount + Int(classes[Int(byte)])
                if goto[slot] < 0 {
                    goto[slot] = Int32(own.count)
                    own.append(-1)
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
        for node in 0..<nodeCount {
            let row = Int(newID[node]) * classCount
            for c in 0..<classCount {
                transitions[row + c] = newID[Int(goto[node * classCount + c])] * Int32(classCount)
            }
        }

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
}
