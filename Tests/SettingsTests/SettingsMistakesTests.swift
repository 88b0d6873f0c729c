import Testing

@testable import Settings

/// `FILE:LINE:COLUMN` of each error, then a part of its message.
private func summary(_ errors: [ConfigError]) -> [String] {
    errors.map { "\($0.file):\($0.line):\($0.column)" }
}

@Test func reportsEveryMistakeAtOnceWithItsLocation() throws {
    let errors = Fixtures.errors("mistakes/main.toml")
    let main = "mistakes/main.toml"
    let dupes = "mistakes/more/dupes.toml"
    let expected: [(String, String)] = [
        ("\(main):4:1", "unknown key `poll_intervall` in [daemon]; did you mean `poll_interval`?"),
        ("\(main):5:1", "`concurrency` must be an integer, got a string"),
        ("\(main):6:1", "`per_host` must be at least 1, got 0"),
        ("\(main):7:1", "`max_body` is not a valid size: \"15 parsecs\""),
        ("\(main):8:1", "`timeout` is not a valid duration: \"soon\""),
        ("\(main):9:1", "`connect_timeout` must be a duration string"),
        ("\(main):10:1", "`log_level` must be one of trace, debug, info"),
        ("\(main):11:27", "include `mistakes/missing/*.toml` matched no file"),
        ("\(main):14:1", "`fallback` names unknown ambassador \"nobody\""),
        ("\(main):15:1", "`default_capacity` must be at least 0, got -1"),
        ("\(main):19:1", "`url` must be an absolute http or https URL with a host, got \"ftp://example.com/feed\""),
        ("\(main):20:1", "unknown key `intervall` in [[source]]; did you mean `interval`?"),
        ("\(main):23:1", "id \"bad id!\" may only contain letters, digits, `.`, `_` and `-`"),
        ("\(main):25:1", "unknown source kind \"podcast\""),
        ("\(main):27:1", "[[source]] is missing the required key `id`"),
        ("\(main):30:1", "[[watch]] \"empty\" has no terms"),
        ("\(main):36:14", "`any` must not contain an empty string (element 2)"),
        ("\(main):37:9", "`tags` must hold only strings, but element 1 is an integer"),
        ("\(main):42:1", "`email` must be an address"),
        ("\(main):43:1", "`capacity` must be at least 0, got -5"),
        ("\(main):44:22", "ambassador \"ana\" uses unknown channel \"pager\""),
        ("\(main):50:1", "`channels` must name at least one channel"),
        ("\(main):52:1", "[[channel]] is missing the required key `path`"),
        ("\(main):58:1", "unknown channel kind \"carrier-pigeon\""),
        ("\(main):60:2", "unknown table or key `unknown`"),
        ("\(dupes):2:2", "[daemon] is only allowed in the main config file"),
        ("\(dupes):6:1", "duplicate source id \"blog\" (first defined at mistakes/main.toml:18:1)"),
        ("\(dupes):10:1", "duplicate channel id \"inbox\" (first defined at mistakes/main.toml:53:1)"),
        ("\(dupes):15:1", "duplicate watch id \"empty\" (first defined at mistakes/main.toml:31:1)"),
        ("mistakes/more/syntax.toml:3:12", "expected `,` or `]` after an array element"),
    ]
    #expect(summary(errors) == expected.map(\.0))
    for (error, (_, message)) in zip(errors, expected) {
        #expect(error.message.contains(message), "\(error)")
    }
}

@Test func errorsNameTheKeyTheyConcern() {
    let errors = Fixtures.errors("mistakes/main.toml")
    #expect(errors.first?.key == "daemon.poll_intervall")
    #expect(errors.contains { $0.key == "ambassador.channels" && $0.line == 44 })
    #expect(errors.last?.key == nil)  // a TOML syntax error has no key
}

@Test func syntaxErrorInMainFileIsTheOnlyError() {
    let errors = Fixtures.errors("broken/main.toml")
    #expect(
        errors.map(\.description) == [
            "broken/main.toml:3:18: newline in a basic string: close it with `\"` or use a multi-line string `\"\"\"`"
        ])
}

@Test func missingDaemonTableIsReportedAtTheStartOfTheFile() {
    #expect(
        Fixtures.errors("nodaemon/main.toml").map(\.description) == [
            "nodaemon/main.toml:1:1: the main config file has no [daemon] table (it must set `state_dir`)"
        ])
}

@Test func badStateDirIsReportedAtItsKey() {
    let errors = Fixtures.errors("nostatedir/main.toml")
    #expect(summary(errors) == ["nostatedir/main.toml:3:1", "nostatedir/main.toml:5:2"])
    #expect(errors.first?.message == "`state_dir` must be a string, got an integer")
    #expect(errors.last?.message == "unknown table or key `daemon2`; did you mean `daemon`?")
}

@Test func missingStateDirIsReportedAtTheHeader() throws {
    let folder = try TemporaryFolder()
    try folder.write("main.toml", "# header on line 2\n[daemon]\nlog_level = \"info\"\n")
    let errors = errors(path: folder.path + "/main.toml")
    #expect(
        errors.map(\.description) == ["\(folder.path)/main.toml:2:1: [daemon] is missing the required key `state_dir`"])
}

@Test func includeProblemsAreReportedAtTheIncludeLine() {
    let errors = Fixtures.errors("noinclude/main.toml")
    #expect(
        summary(errors) == [
            "noinclude/main.toml:3:12", "noinclude/main.toml:3:22", "noinclude/main.toml:4:1",
            "noinclude/main.toml:6:2",
            "noinclude/dirs/extra.toml:1:2", "noinclude/dirs/extra.toml:4:3",
        ])
    #expect(errors[0].message.hasPrefix("cannot read included file `noinclude/dirs/sub`: "))
    #expect(errors[1].message == "include `noinclude/absent.toml` matched no file")
    #expect(errors[3].message == "unknown table or key `sources`; did you mean `source`?")
    #expect(errors[4].message == "[routing] is only allowed in the main config file")
    #expect(errors[5].message.contains("did you mean `watch`?"))
}

@Test func unreadableMainFile() {
    #expect(
        Fixtures.errors("absent/main.toml").map(\.description) == [
            "absent/main.toml:1:1: cannot read the config file: No such file or directory"
        ])
}

@Test func invalidIdsAndUrls() throws {
    let folder = try TemporaryFolder()
    try folder.write(
        "c.toml",
        """
        [daemon]
        state_dir = "s"
        [[source]]
        id = ""
        url = "https://"
        [[source]]
        id = "ok"
        url = "example.com/feed"
        [[source]]
        id = "ok2"
        url = "https://example.com/feed with space"
        [[watch]]
        id = "w"
        any = []
        all = []
        [[ambassador]]
        id = "a"
        name = "A"
        email = "a@example.com"
        [[channel]]
        id = "c"
        kind = "maildir"
        path = ""
        """)
    let errors = errors(path: folder.path + "/c.toml")
    #expect(
        errors.map { "\($0.line):\($0.column) \($0.message)" } == [
            "1:1 `[routing] fallback` is required: the ambassador who gets the mentions nobody else can take",
            "4:1 `id` must not be empty",
            "5:1 `url` must be an absolute http or https URL with a host, got \"https://\"",
            "8:1 `url` must be an absolute http or https URL with a host, got \"example.com/feed\"",
            "11:1 `url` must be an absolute http or https URL with a host, got \"https://example.com/feed with space\"",
            "12:1 [[watch]] \"w\" has no terms: give a `query`, or `any` or `all` at least one term",
            "16:1 [[ambassador]] is missing the required key `channels`",
            "23:1 `path` must not be empty",
        ])
}

@Test func errorsDescribeOnePerLineSortedByFileOrderThenLine() {
    let errors = ConfigErrors(
        [
            ConfigError(file: "b.toml", line: 2, column: 1, message: "two"),
            ConfigError(file: "main.toml", line: 9, column: 3, message: "nine"),
            ConfigError(file: "main.toml", line: 1, column: 5, key: "daemon", message: "one"),
        ], fileOrder: ["main.toml", "b.toml"])
    #expect(errors.description == "main.toml:1:5: one\nmain.toml:9:3: nine\nb.toml:2:1: two")
}

private func errors(path: String) -> [ConfigError] {
    do {
        _ = try Settings.load(path: path)
        return []
    } catch {
        return error.errors
    }
}
