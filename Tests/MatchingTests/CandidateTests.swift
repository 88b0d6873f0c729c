import EarshotCore
import Testing

@testable import Matching

private let candidateWords = ["acme", "cloud", "beta", "new", "york", "data", "outage", "bob"]

/// Watches of every shape: `any` lists (which hold as soon as one of their terms is found, and are not
/// evaluated), and lists and queries with `all`, `none`, `AND`, `NOT`, fields, proximity and a non-textual atom
/// (which are).
private func candidateWatch(_ generator: inout SeededGenerator, id: Int) -> WatchDefinition {
    func word() -> String { candidateWords.randomElement(using: &generator)! }
    let name = "w\(id)"
    switch Int.random(in: 0..<10, using: &generator) {
    case 0: return WatchDefinition(id: name, any: [word(), word() + " " + word()])
    case 1: return WatchDefinition(id: name, any: [word()], none: [word()])
    case 2: return WatchDefinition(id: name, all: [word(), word()])
    case 3: return WatchDefinition(id: name, query: "\(word()) OR \(word()) OR \"\(word()) \(word())\"")
    case 4: return WatchDefinition(id: name, query: "\(word()) AND \(word())")
    case 5: return WatchDefinition(id: name, query: "\(word()) -\(word())")
    case 6: return WatchDefinition(id: name, query: "title:\(word()) OR text:\(word())")
    case 7: return WatchDefinition(id: name, query: "\(word()) NEAR/1 \(word())")
    case 8: return WatchDefinition(id: name, query: "source:s OR \(word())")
    default: return WatchDefinition(id: name, query: "(\(word()) OR \(word())) \(word())")
    }
}

/// A watch that holds whenever it is a candidate is not evaluated: the mentions are the ones evaluating every
/// candidate gives.
@Test func watchesThatHoldAsCandidatesMatchAsEvaluated() throws {
    var generator = SeededGenerator(state: 20_261_125)
    var skipped = 0
    var evaluatedMatches = 0
    for round in 0..<100 {
        let watches = (0..<6).map { candidateWatch(&generator, id: round * 6 + $0) }
        let matcher = try Matcher(watches: watches)
        for number in 0..<20 {
            let title = (0..<Int.random(in: 0..<4, using: &generator)).map { _ in
                candidateWords.randomElement(using: &generator)!
            }
            let text = (0..<Int.random(in: 1..<12, using: &generator)).map { _ in
                candidateWords.randomElement(using: &generator)!
            }
            let post = Post(
                source: Bool.random(using: &generator) ? "s" : "t", id: "p\(number)",
                title: title.joined(separator: " "), text: text.joined(separator: ", "))
            // Every candidate evaluated, as before the shortcut.
            let expected =
                matcher.withScan(post) { scan -> [String] in
                    guard scan.hasCandidates else { return [] }
                    return scan.candidates().filter { scan.evaluate(watch: Int($0)) }.map {
                        matcher.watches[Int($0)].id
                    }
                } ?? []
            #expect(matcher.match(post).map(\.watch) == expected, "\(watches) \(post)")
            #expect(matcher.countMatches(post) == expected.count)
            for id in expected {
                let index = matcher.watches.firstIndex { $0.id == id }!
                if matcher.tables.watchInfo[index].holdsAsCandidate { skipped += 1 } else { evaluatedMatches += 1 }
            }
        }
    }
    // Both kinds of watch matched.
    #expect(skipped > 200)
    #expect(evaluatedMatches > 200)
}

/// Which programs hold with any of their atoms.
@Test func programsThatHoldWithAnyAtom() throws {
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "any", any: ["acme", "new york"]),
        WatchDefinition(id: "or", query: "acme OR cloud"),
        WatchDefinition(id: "fields", query: "title:acme OR cloud"),
        WatchDefinition(id: "none", any: ["acme"], none: ["beta"]),
        WatchDefinition(id: "and", query: "acme cloud"),
        WatchDefinition(id: "near", query: "acme NEAR/2 cloud"),
        WatchDefinition(id: "source", query: "source:s OR acme"),
    ])
    #expect(matcher.tables.watchInfo.map(\.holdsAsCandidate) == [true, true, true, false, false, false, false])
}

/// A mention's terms and snippet occurrence come from the atoms found (each atom's one reported term) when the
/// watch's terms are all textual; they are what going through every term of the watch gives: with words that
/// several watches share (an atom of several terms: the term-by-term way), terms only in `NOT`, entities (terms
/// of several atoms), phrases, and lists of ten terms.
@Test func reportedTermsFromFoundAtomsAreTheTermByTermOnes() throws {
    var generator = SeededGenerator(state: 20_261_122)
    let vocabulary = (0..<30).map { "word\($0)" }
    var quick = 0
    var compared = 0
    for round in 0..<100 {
        func word() -> String { vocabulary.randomElement(using: &generator)! }
        var watches: [WatchDefinition] = []
        for index in 0..<8 {
            let name = "w\(round)-\(index)"
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: watches.append(WatchDefinition(id: name, any: [word(), word() + " " + word(), word()]))
            case 1: watches.append(WatchDefinition(id: name, query: "\(word()) OR \(word()) -\(word())"))
            case 2: watches.append(WatchDefinition(id: name, all: [word(), word()]))
            case 3: watches.append(WatchDefinition(id: name, query: "entity:acme OR \(word())"))
            default: watches.append(WatchDefinition(id: name, any: (0..<10).map { _ in word() }))
            }
        }
        let entities = [EntityDefinition(id: "acme", names: ["Acme", word()], handles: ["acme"], hashtags: [])]
        let matcher = try Matcher(watches: watches, entities: entities)
        for number in 0..<20 {
            let text = (0..<Int.random(in: 1..<24, using: &generator)).map { _ in word() }
            let post = Post(
                source: "s", id: "p\(number)", title: number % 3 == 0 ? "Acme " + word() : "",
                text: text.joined(separator: number % 2 == 0 ? " " : ", ") + (number % 4 == 0 ? " @acme" : ""))
            _ = matcher.withScan(post) { scan in
                guard scan.hasCandidates else { return }
                for candidate in scan.candidates() {
                    let watch = Int(candidate)
                    let expected = scan.reportedTermsOneByOne(of: watch)
                    let reported = scan.reportedTerms(of: watch)
                    #expect(reported.0 == expected.0, "\(matcher.watches[watch].id) \(post)")
                    #expect(
                        reported.1.map { [Int($0.atom), Int($0.field), Int($0.start), Int($0.end)] }
                            == expected.1.map { [Int($0.atom), Int($0.field), Int($0.start), Int($0.end)] },
                        "\(matcher.watches[watch].id) \(post)")
                    compared += 1
                    let info = matcher.tables.watchInfo[watch]
                    if info.textualTerms && scan.reportedTermsOfFoundAtoms(info) != nil { quick += 1 }
                }
            }
        }
    }
    #expect(compared > 5_000)
    #expect(quick > 500)
}

/// Terms come out in the watch's order even when its atoms were numbered in another order (an atom first met
/// in an earlier watch's `NOT`).
@Test func reportedTermsKeepTheWatchOrder() throws {
    let matcher = try Matcher(watches: [
        WatchDefinition(id: "first", query: "beta -cloud"),
        WatchDefinition(id: "second", any: ["acme", "cloud"]),
    ])
    let post = Post(source: "s", id: "p", title: "", text: "cloud and acme")
    let reported = matcher.withScan(post) { scan -> [String]? in
        let info = matcher.tables.watchInfo[1]
        return scan.reportedTermsOfFoundAtoms(info)?.0
    }
    #expect(reported == .some(["acme", "cloud"]))
    #expect(matcher.match(post).map(\.terms) == [["acme", "cloud"]])
}
