import Settings
import Testing

private let head = """
    [daemon]
    state_dir = "s"
    [routing]
    fallback = "a"
    [[ambassador]]
    id = "a"
    name = "A"
    email = "a@example.com"
    channels = ["c"]
    [[channel]]
    id = "c"
    kind = "maildir"
    path = "m"

    """

private func load(_ body: String) throws -> (Settings?, [ConfigError]) {
    let folder = try TemporaryFolder()
    try folder.write("c.toml", head + body)
    do {
        return (try Settings.load(path: folder.path + "/c.toml"), [])
    } catch {
        return (nil, error.errors)
    }
}

/// `LINE:COLUMN message` of each error, with the file left out.
private func shown(_ errors: [ConfigError]) -> [String] {
    errors.map { "\($0.line):\($0.column) \($0.message)" }
}

@Test func queriesAndEntitiesLoad() throws {
    let (settings, errors) = try load(
        """
        [[watch]]
        id = "w"
        query = 'entity:acme NEAR/3 (outage OR down) -test'
        tags = ["ops"]
        [[entity]]
        id = "acme"
        names = ["Acme Corp"]
        handles = ["@acme"]
        hashtags = ["acme"]
        domains = ["acme.com"]
        """)
    #expect(errors.isEmpty)
    #expect(settings?.watches.first?.query == "entity:acme NEAR/3 (outage OR down) -test")
    #expect(settings?.entities.map(\.id) == ["acme"])
    #expect(settings?.entities.first?.domains == ["acme.com"])
}

@Test func queryErrorPointsInsideTheQuery() throws {
    let (_, errors) = try load(
        """
        [[watch]]
        id = "w"
        query = 'acme AND (cloud'
        """)
    #expect(
        shown(errors) == [
            "16:19 watch \"w\": invalid query: `(` is never closed\n    acme AND (cloud\n             ^"
        ])
    #expect(errors.first?.key == "watch.query")
}

@Test func queryErrorColumnSkipsEscapes() throws {
    let (_, errors) = try load(
        #"""
        [[watch]]
        id = "w"
        query = "\"acme cloud\" \u00e9t\u00E9 OR"
        """#)
    #expect(
        shown(errors) == [
            "16:41 watch \"w\": invalid query: `OR` needs a term after it\n    \"acme cloud\" été OR\n                       ^"
        ])
}

@Test func queryErrorInMultilineQuery() throws {
    let (_, errors) = try load(
        """
        [[watch]]
        id = "w"
        query = '''
          (acme OR globex)
          AND titel:launch
        '''
        """)
    #expect(errors.count == 1)
    #expect(errors.first?.line == 18)
    #expect(errors.first?.column == 7)
    #expect(errors.first?.message.hasSuffix("\n      AND titel:launch\n          ^") == true)
    #expect(errors.first?.message.contains("unknown field `titel:`") == true)
}

@Test func unknownEntityIsReportedAfterEveryFileIsRead() throws {
    let (_, errors) = try load(
        """
        [[watch]]
        id = "w"
        query = 'entity:acme OR entity:globx'
        [[entity]]
        id = "globex"
        names = ["Globex"]
        [[entity]]
        id = "acme"
        names = ["Acme"]
        """)
    #expect(
        shown(errors) == [
            "16:25 watch \"w\": invalid query: unknown entity `globx`; did you mean `globex`?\n"
                + "    entity:acme OR entity:globx\n                   ^"
        ])
}

@Test func queryWithTermListsIsRejected() throws {
    let (_, errors) = try load(
        """
        [[watch]]
        id = "w"
        query = 'acme'
        none = ["spam"]
        """)
    #expect(
        shown(errors) == [
            "16:1 a watch has either `query` or `any`/`all`/`none`, not both: move `none` into the query"
        ])
}

@Test func queryMustBeAString() throws {
    let (_, errors) = try load(
        """
        [[watch]]
        id = "w"
        query = ["acme"]
        """)
    #expect(shown(errors) == ["16:1 `query` must be a string holding a boolean query, got an array"])
}

@Test func entityMistakes() throws {
    let (_, errors) = try load(
        """
        [[entity]]
        id = "e"
        [[entity]]
        id = "f"
        domains = ["https://acme.com"]
        nmes = ["x"]
        """)
    #expect(
        shown(errors) == [
            "14:1 [[entity]] \"e\" has nothing to match: give `names`, `handles`, `hashtags` or `domains`",
            "18:12 `domains` takes host names like \"acme.com\", got \"https://acme.com\"",
            "19:1 unknown key `nmes` in [[entity]]; did you mean `names`?",
        ])
}
