import Testing

@testable import TOML

struct ValidCase: CustomTestStringConvertible, Sendable {
    var name: String
    var document: String
    var expected: String
    var testDescription: String { name }
}

let validCases: [ValidCase] = [
    ValidCase(name: "empty", document: "", expected: "{}"),
    ValidCase(name: "comments only", document: "# hi\n\n  # there\r\n", expected: "{}"),
    ValidCase(name: "bare keys", document: "a = 1\nb_c-d = 2\n1234 = 3", expected: "{a=1,b_c-d=2,1234=3}"),
    ValidCase(
        name: "quoted keys", document: "\"a b\" = 1\n'c.d' = 2\n\"\" = 3", expected: "{\"a b\"=1,\"c.d\"=2,\"\"=3}"),
    ValidCase(name: "dotted keys", document: "a.b.c = 1\na . \"d\" = 2", expected: "{a={b={c=1},d=2}}"),
    ValidCase(name: "float-looking key", document: "3.14 = 1", expected: "{3={14=1}}"),
    ValidCase(
        name: "basic string escapes", document: #"s = "a\tb\n\"q\" \\ \u00E9 \U0001F600 \b\f\r""#,
        expected: "{s=\"a\tb\n\"q\" \\ é 😀 \u{08}\u{0C}\r\"}"),
    ValidCase(name: "literal string", document: #"s = 'C:\Users\x'"#, expected: #"{s="C:\Users\x"}"#),
    ValidCase(name: "multi-line basic", document: "s = \"\"\"\nline1\nline2\"\"\"", expected: "{s=\"line1\nline2\"}"),
    ValidCase(
        name: "line-ending backslash", document: "s = \"\"\"\\\n   The quick \\\n\n   brown\\   \n  fox.\"\"\"",
        expected: "{s=\"The quick brownfox.\"}"),
    ValidCase(name: "quotes at end of multi-line", document: "s = \"\"\"a\"\"\"\"\"", expected: "{s=\"a\"\"\"}"),
    ValidCase(name: "quotes inside multi-line", document: "s = '''a''b'''", expected: "{s=\"a''b\"}"),
    ValidCase(name: "multi-line literal", document: "s = '''\nraw \\n\r\nx'''", expected: "{s=\"raw \\n\nx\"}"),
    ValidCase(
        name: "integers",
        document: "a = +99\nb = -17\nc = 0\nd = 1_000\ne = 0xDEAD_beef\nf = 0o755\ng = 0b1101\nh = -0",
        expected: "{a=99,b=-17,c=0,d=1000,e=3735928559,f=493,g=13,h=0}"),
    ValidCase(
        name: "integer limits", document: "a = 9223372036854775807\nb = -9223372036854775808",
        expected: "{a=9223372036854775807,b=-9223372036854775808}"),
    ValidCase(
        name: "floats",
        document: "a = 1.5\nb = -3.14\nc = 5e+22\nd = 1e06\ne = -2E-2\nf = 6.626e-34\ng = 9_224_617.445_991",
        expected: "{a=1.5,b=-3.14,c=5e+22,d=1000000.0,e=-0.02,f=6.626e-34,g=9224617.445991}"),
    ValidCase(
        name: "special floats", document: "a = inf\nb = +inf\nc = -inf\nd = nan\ne = -nan",
        expected: "{a=inf,b=inf,c=-inf,d=nan,e=nan}"),
    ValidCase(name: "booleans", document: "t = true\nf = false", expected: "{t=true,f=false}"),
    ValidCase(
        name: "date-times",
        document: "a = 1979-05-27T07:32:00Z\nb = 1979-05-27 00:32:00.999999-07:00\nc = 1979-05-27T07:32:00\n"
            + "d = 1979-05-27\ne = 00:32:00.5\nf = 2000-02-29t23:59:60z",
        expected:
            "{a=dt(1979-05-27T07:32:00Z),b=dt(1979-05-27 00:32:00.999999-07:00),c=dt(1979-05-27T07:32:00),"
            + "d=dt(1979-05-27),e=dt(00:32:00.5),f=dt(2000-02-29t23:59:60z)}"),
    ValidCase(
        name: "arrays", document: "a = [1, 2, 3]\nb = [\n  \"x\", # c\n  'y',\n]\nc = [[1], [\"m\", 2.5]]\nd = []",
        expected: "{a=[1,2,3],b=[\"x\",\"y\"],c=[[1],[\"m\",2.5]],d=[]}"),
    ValidCase(
        name: "inline tables", document: "p = { x = 1, y.z = 2 }\ne = {}\nn = { a = { b = [ {c = 1} ] } }",
        expected: "{p={x=1,y={z=2}},e={},n={a={b=[{c=1}]}}}"),
    ValidCase(
        name: "tables", document: "[a]\nx = 1\n[b.c]\ny = 2\n[a.d]\nz = 3",
        expected: "{a={x=1,d={z=3}},b={c={y=2}}}"),
    ValidCase(
        name: "implicit table defined later", document: "[x.y.z]\na = 1\n[x]\nb = 2",
        expected: "{x={y={z={a=1}},b=2}}"),
    ValidCase(
        name: "sub-table inside dotted table",
        document: "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true",
        expected: "{fruit={apple={color=\"red\",taste={sweet=true},texture={smooth=true}}}}"),
    ValidCase(
        name: "array of tables",
        document: "[[p]]\nn = 1\n[[p]]\n[[p]]\nn = 3\n[[p.v]]\nq = 1\n[p.w]\nr = 2\n[[p.v]]\nq = 2",
        expected: "{p=[{n=1},{},{n=3,v=[{q=1},{q=2}],w={r=2}}]}"),
    ValidCase(name: "whitespace in headers", document: "[ a . b ]\n[[ c ]]\n", expected: "{a={b={}},c=[{}]}"),
    ValidCase(name: "byte order mark", document: "\u{FEFF}a = 1", expected: "{a=1}"),
    ValidCase(name: "comment after values", document: "a = 1 # one\n[t] # table\n", expected: "{a=1,t={}}"),
    ValidCase(
        name: "unicode in values", document: "a = \"日本\"\n\"ключ\" = 'значение'",
        expected: "{a=\"日本\",ключ=\"значение\"}"),
]

@Test(arguments: validCases)
func parsesValidDocument(_ testCase: ValidCase) throws {
    let table = try TOML.parse(testCase.document)
    #expect(render(table) == testCase.expected)
}

@Test func integerAndFloatKeepTheirTypes() throws {
    let table = try TOML.parse("i = 1\nf = 1.0\nmixed = [1, 'a', 2.0, true, 1979-05-27]")
    #expect(table["i"]?.value == .integer(1))
    #expect(table["f"]?.value == .float(1.0))
    #expect(
        table["mixed"]?.value.arrayValue?.map(\.value.typeDescription) == [
            "an integer", "a string", "a float", "a boolean", "a local date",
        ])
}

@Test func dateTimeComponents() throws {
    let table = try TOML.parse("a = 1979-05-27T07:32:00.123-07:30\nb = 07:32:01\nc = 2024-02-29")
    let a = try #require(table["a"]?.value.datetimeValue)
    #expect(a.kind == .offsetDateTime)
    #expect(a.date == TOMLDateTime.LocalDate(year: 1979, month: 5, day: 27))
    #expect(a.time == TOMLDateTime.LocalTime(hour: 7, minute: 32, second: 0, nanosecond: 123_000_000))
    #expect(a.offsetMinutes == -450)
    let b = try #require(table["b"]?.value.datetimeValue)
    #expect(b.kind == .localTime)
    #expect(b.time?.second == 1)
    #expect(table["c"]?.value.datetimeValue?.kind == .localDate)
}

@Test func keysAndValuesKeepPositions() throws {
    let document = """
        # comment
        title = "x"
          [owner]
        name.first = 'Tom'  # é
        "é" = [
            1,
            { k = 2 },
        ]
        [[item]]
        id = 1
        [[item]]
        id = 2
        """
    let root = try TOML.parse(document)
    let title = try #require(root.entry("title"))
    #expect(title.keyPosition == TOMLPosition(line: 2, column: 1))
    #expect(title.node.position == TOMLPosition(line: 2, column: 9))

    let owner = try #require(root.entry("owner"))
    #expect(owner.keyPosition == TOMLPosition(line: 3, column: 4))
    #expect(owner.node.position == TOMLPosition(line: 3, column: 3))
    let ownerTable = try #require(owner.node.value.tableValue)
    let name = try #require(ownerTable.entry("name"))
    #expect(name.keyPosition == TOMLPosition(line: 4, column: 1))
    let first = try #require(name.node.value.tableValue?.entry("first"))
    #expect(first.keyPosition == TOMLPosition(line: 4, column: 6))
    #expect(first.node.position == TOMLPosition(line: 4, column: 14))

    let accented = try #require(ownerTable.entry("é"))
    #expect(accented.keyPosition == TOMLPosition(line: 5, column: 1))
    #expect(accented.node.position == TOMLPosition(line: 5, column: 7))
    let elements = try #require(accented.node.value.arrayValue)
    #expect(elements.map(\.position) == [TOMLPosition(line: 6, column: 5), TOMLPosition(line: 7, column: 5)])
    #expect(elements[1].value.tableValue?.entry("k")?.keyPosition == TOMLPosition(line: 7, column: 7))

    let items = try #require(root.entry("item"))
    #expect(items.keyPosition == TOMLPosition(line: 9, column: 3))
    #expect(items.node.position == TOMLPosition(line: 9, column: 1))
    let itemNodes = try #require(items.node.value.arrayValue)
    #expect(itemNodes.map(\.position) == [TOMLPosition(line: 9, column: 1), TOMLPosition(line: 11, column: 1)])
    #expect(itemNodes[1].value.tableValue?.entry("id")?.keyPosition == TOMLPosition(line: 12, column: 1))
}

@Test func implicitTableTakesThePositionOfItsLaterHeader() throws {
    let root = try TOML.parse("[a.b]\nx = 1\n\n[a]\ny = 2")
    let a = try #require(root.entry("a"))
    #expect(a.keyPosition == TOMLPosition(line: 4, column: 2))
    #expect(a.node.position == TOMLPosition(line: 4, column: 1))
    #expect(a.node.value.tableValue?.entry("b")?.node.position == TOMLPosition(line: 1, column: 1))
}

@Test func entriesKeepDocumentOrder() throws {
    let root = try TOML.parse("z = 1\na = 2\n[m]\n[b]\n")
    #expect(root.keys == ["z", "a", "m", "b"])
}
