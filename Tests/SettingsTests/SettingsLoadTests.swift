import Testing

@testable import Settings

@Test func loadsValidConfigWithIncludesInOrder() throws {
    let settings = try Fixtures.load("valid/main.toml")
    #expect(settings.files == ["valid/main.toml", "valid/lists/a.toml", "valid/lists/b.toml", "valid/people.toml"])
    #expect(settings.sources.map(\.id) == ["one", "two"])
    #expect(settings.watches.map(\.id) == ["alpha", "beta"])
    #expect(settings.ambassadors.map(\.id) == ["desk", "ana"])
    #expect(settings.channels.map(\.id) == ["main-box", "list-box"])
}

@Test func resolvesRelativePathsAgainstTheFileTheyAreWrittenIn() throws {
    let settings = try Fixtures.load("valid/main.toml")
    let folder = Fixtures.folder + "/valid"
    #expect(settings.daemon.stateDir == folder + "/state")
    #expect(settings.channels[0].kind == .maildir(path: folder + "/mail"))
    #expect(settings.channels[1].kind == .maildir(path: folder + "/lists/box"))
}

@Test func relativeMainPathResolvesAgainstTheWorkingDirectory() throws {
    let settings = try Settings.load(
        path: "Settings/valid/../valid/main.toml", workingDirectory: Fixtures.folder + "/..")
    #expect(settings.files.first == "Settings/valid/../valid/main.toml")
    #expect(settings.files[1] == "Settings/valid/../valid/lists/a.toml")
    #expect(settings.daemon.stateDir.hasSuffix("/Fixtures/Settings/valid/state"))
    #expect(!settings.daemon.stateDir.contains(".."))
}

@Test func absoluteMainPathIsShownAsGiven() throws {
    let path = Fixtures.folder + "/valid/main.toml"
    let settings = try Settings.load(path: path)
    #expect(settings.files.first == path)
    #expect(settings.files.last == Fixtures.folder + "/valid/people.toml")
}

@Test func decodesValuesAndDefaults() throws {
    let settings = try Fixtures.load("valid/main.toml")
    #expect(settings.daemon.pollInterval == .seconds(5_400))
    #expect(settings.daemon.maxBody == 1_048_576)
    #expect(settings.daemon.concurrency == 16)
    #expect(settings.daemon.timeout == .seconds(60))
    #expect(settings.routing.fallback == "desk")
    #expect(settings.routing.defaultCapacity == 7)

    let two = settings.sources[1]
    #expect(two.url == "http://example.org:8080/feed?x=1")
    #expect(two.interval == .seconds(90))
    #expect(two.kind == "feed")
    #expect(settings.sources[0].interval == nil)
    #expect(two.location.description == "valid/main.toml:16:1")

    let beta = settings.watches[1]
    #expect(beta.any.isEmpty)
    #expect(beta.all == ["beta", "release"])
    #expect(beta.none == ["rumour"])
    #expect(beta.location.description == "valid/lists/b.toml:1:1")

    let desk = settings.ambassadors[0]
    #expect(desk.capacity == 7)  // [routing] default_capacity
    #expect(desk.channels == ["main-box", "list-box"])
    #expect(settings.ambassadors[1].capacity == 0)
    #expect(settings.ambassadors[1].expertise == ["a"])
}

@Test func duplicateIdsAcrossTwoIncludedFiles() throws {
    let folder = try TemporaryFolder()
    try folder.write("main.toml", "[daemon]\nstate_dir = \"s\"\ninclude = [\"w/*.toml\"]\n")
    try folder.write("w/1.toml", "[[watch]]\nid = \"same\"\nany = [\"x\"]\n")
    try folder.write("w/2.toml", "\n[[watch]]\n  id = \"same\"\nany = [\"y\"]\n")
    do {
        _ = try Settings.load(path: folder.path + "/main.toml")
        Issue.record("expected an error")
    } catch {
        #expect(
            error.errors.map(\.description).contains(
                "\(folder.path)/w/2.toml:3:3: duplicate watch id \"same\" (first defined at "
                    + "\(folder.path)/w/1.toml:2:1)"))
    }
}

@Test func includeMayBeASingleString() throws {
    let folder = try TemporaryFolder()
    try folder.write("main.toml", "[daemon]\nstate_dir = \"/tmp/x\"\ninclude = \"more.toml\"\n")
    try folder.write("more.toml", "[[source]]\nid = \"s\"\nurl = \"https://example.com/\"\n")
    let settings = try Settings.load(path: folder.path + "/main.toml")
    #expect(settings.sources.map(\.id) == ["s"])
    #expect(settings.daemon.stateDir == "/tmp/x")
}

@Test func fileIncludedTwiceIsReadOnce() throws {
    let folder = try TemporaryFolder()
    try folder.write("main.toml", "[daemon]\nstate_dir = \"s\"\ninclude = [\"*.toml\", \"more.toml\"]\n")
    try folder.write("more.toml", "[[source]]\nid = \"s\"\nurl = \"https://example.com/\"\n")
    let settings = try Settings.load(path: folder.path + "/main.toml")
    #expect(settings.files == [folder.path + "/main.toml", folder.path + "/more.toml"])
}

@Test func sizesAcceptUnitsAndByteCounts() throws {
    let folder = try TemporaryFolder()
    for (text, bytes) in [("\"15MiB\"", 15_728_640), ("\"2 KB\"", 2_000), ("4096", 4_096), ("\"1GiB\"", 1_073_741_824)]
    {
        try folder.write("m.toml", "[daemon]\nstate_dir = \"s\"\nmax_body = \(text)\n")
        #expect(try Settings.load(path: folder.path + "/m.toml").daemon.maxBody == bytes)
    }
}

@Test func defaultPathPrefersTheEnvironment() {
    #expect(Settings.defaultPath(environment: [:]) == "/etc/earshot/earshot.toml")
    #expect(Settings.defaultPath(environment: ["EARSHOT_CONFIG": "/tmp/e.toml"]) == "/tmp/e.toml")
    #expect(Settings.defaultPath(environment: ["EARSHOT_CONFIG": ""]) == "/etc/earshot/earshot.toml")
}

@Test func shippedExampleConfigLoadsCleanly() throws {
    let path = Fixtures.configFolder + "/earshot.toml"
    let settings: Settings
    do {
        settings = try Settings.load(path: path)
    } catch {
        Issue.record("Config/earshot.toml does not load:\n\(error)")
        return
    }
    #expect(settings.files.count == 4)
    #expect(settings.files.contains(Fixtures.configFolder + "/ambassadors.toml"))
    #expect(settings.daemon.stateDir.hasSuffix("/local/state"))
    #expect(!settings.daemon.stateDir.contains(".."))
    #expect(settings.routing.fallback == "comms-team")
    #expect(settings.ambassadors.contains { $0.id == "comms-team" })
    #expect(settings.sources.count >= 3)
    #expect(settings.watches.count >= 4)
    guard case .maildir(let maildir) = settings.channels.first?.kind else {
        Issue.record("expected a maildir channel")
        return
    }
    #expect(maildir.hasSuffix("/local/maildir"))
}
