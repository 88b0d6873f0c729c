import Testing

@testable import TOML

struct InvalidCase: CustomTestStringConvertible, Sendable {
    var name: String
    var document: String
    /// `LINE:COLUMN`.
    var position: String
    /// A part of the message.
    var message: String
    var testDescription: String { name }
}

let invalidCases: [InvalidCase] = [
    InvalidCase(
        name: "duplicate key", document: "a = 1\nb = 2\na = 3", position: "3:1",
        message: "duplicate key `a` (first defined at 1:1)"),
    InvalidCase(name: "duplicate quoted key", document: "a = 1\n\"a\" = 2", position: "2:1", message: "duplicate key"),
    InvalidCase(
        name: "duplicate dotted key", document: "a.b = 1\na.b = 2", position: "2:3", message: "duplicate key `a.b`"),
    InvalidCase(
        name: "key redefined as table", document: "a = 1\na.b = 2", position: "2:1",
        message: "`a` is already an integer"),
    InvalidCase(
        name: "table defined twice", document: "[a]\nx = 1\n[b]\n[a]", position: "4:2",
        message: "table `a` is already defined at 1:1"),
    InvalidCase(
        name: "implicit table defined twice", document: "[a.b]\n[a]\n[a]", position: "3:2",
        message: "already defined at 2:1"),
    InvalidCase(name: "table over a value", document: "a = 1\n[a]", position: "2:2", message: "already an integer"),
    InvalidCase(
        name: "table over dotted keys", document: "[fruit]\napple.color = 'red'\n[fruit.apple]", position: "3:8",
        message: "dotted keys defined it at 2:1"),
    InvalidCase(
        name: "dotted keys into a header table", document: "[a.b.c]\nz = 9\n[a]\nb.c.t = 1", position: "4:3",
        message: "dotted keys cannot add to table `b.c`, which is defined at 1:1"),
    InvalidCase(
        name: "extend inline table with header", document: "a = {b = 1}\n[a.c]", position: "2:2",
        message: "inline table `a`"),
    InvalidCase(
        name: "extend inline table with dotted key", document: "a = {b = 1}\na.c = 2", position: "2:1",
        message: "inline table `a`"),
    InvalidCase(
        name: "inline table duplicate", document: "a = {b = 1, b = 2}", position: "1:13", message: "duplicate key `b`"),
    InvalidCase(name: "append to static array", document: "a = []\n[[a]]", position: "2:3", message: "static array"),
    InvalidCase(
        name: "array of tables over table", document: "[a]\n[[a]]", position: "2:3", message: "already a table"),
    InvalidCase(
        name: "table over array of tables", document: "[[a]]\n[a]", position: "2:2",
        message: "already an array of tables"),
    InvalidCase(
        name: "invalid escape", document: "a = 1\ns = \"x\\qy\"", position: "2:7", message: "invalid escape `\\q`"),
    InvalidCase(
        name: "short unicode escape", document: "s = \"\\u12\"", position: "1:6", message: "needs 4 hex digits"),
    InvalidCase(
        name: "surrogate escape", document: "s = \"\\uD800\"", position: "1:6", message: "not a Unicode scalar"),
    InvalidCase(
        name: "newline in basic string", document: "s = \"abc\ndef\"", position: "1:9",
        message: "newline in a basic string"),
    InvalidCase(
        name: "newline in literal string", document: "s = 'abc\n'", position: "1:9",
        message: "newline in a literal string"),
    InvalidCase(name: "unterminated string", document: "s = \"abc", position: "1:9", message: "unterminated string"),
    InvalidCase(
        name: "unterminated multi-line", document: "s = '''abc\n", position: "2:1",
        message: "unterminated multi-line string"),
    InvalidCase(
        name: "too many quotes", document: "s = \"\"\"a\"\"\"\"\"\"", position: "1:15", message: "too many quotes"),
    InvalidCase(
        name: "control char in string", document: "s = \"a\u{01}\"", position: "1:7",
        message: "control character U+0001"),
    InvalidCase(
        name: "control char in comment", document: "# a\u{7F}", position: "1:4", message: "control character U+007F"),
    InvalidCase(name: "lone carriage return", document: "a = 1\r b = 2", position: "1:6", message: "carriage return"),
    InvalidCase(name: "missing value", document: "a =\nb = 1", position: "1:4", message: "expected a value"),
    InvalidCase(name: "missing equals", document: "a 1", position: "1:3", message: "expected `=`"),
    InvalidCase(name: "bare key with bad char", document: "a@b = 1", position: "1:2", message: "expected `=`"),
    InvalidCase(
        name: "two values on a line", document: "a = 1 b = 2", position: "1:7",
        message: "expected the end of the line"),
    InvalidCase(name: "leading zero", document: "a = 012", position: "1:5", message: "leading zeros"),
    InvalidCase(name: "double underscore", document: "a = 1__2", position: "1:5", message: "invalid value `1__2`"),
    InvalidCase(name: "trailing underscore", document: "a = 12_", position: "1:5", message: "invalid value"),
    InvalidCase(
        name: "integer overflow", document: "a = 9223372036854775808", position: "1:5",
        message: "does not fit in 64 bits"),
    InvalidCase(name: "signed hex", document: "a = +0x1F", position: "1:5", message: "cannot have a sign"),
    InvalidCase(name: "bad octal digit", document: "a = 0o8", position: "1:5", message: "invalid integer"),
    InvalidCase(name: "float without fraction digits", document: "a = 1.", position: "1:5", message: "invalid float"),
    InvalidCase(name: "float without integer part", document: "a = .5", position: "1:5", message: "expected a value"),
    InvalidCase(name: "float exponent missing", document: "a = 1e", position: "1:5", message: "invalid float"),
    InvalidCase(name: "float leading zero", document: "a = 03.14", position: "1:5", message: "invalid float"),
    InvalidCase(name: "capitalised boolean", document: "a = True", position: "1:5", message: "expected a value"),
    InvalidCase(name: "misspelt boolean", document: "a = tru", position: "1:5", message: "invalid value `tru`"),
    InvalidCase(name: "bad month", document: "d = 2024-13-01", position: "1:5", message: "invalid date or time"),
    InvalidCase(name: "bad leap day", document: "d = 2023-02-29", position: "1:5", message: "invalid date or time"),
    InvalidCase(name: "time without seconds", document: "t = 07:32", position: "1:5", message: "invalid date or time"),
    InvalidCase(
        name: "bad offset", document: "d = 1979-05-27T07:32:00+7", position: "1:5", message: "invalid date or time"),
    InvalidCase(name: "array missing comma", document: "a = [1 2]", position: "1:8", message: "expected `,` or `]`"),
    InvalidCase(name: "unterminated array", document: "a = [1,\n2", position: "2:2", message: "unterminated array"),
    InvalidCase(name: "array leading comma", document: "a = [,1]", position: "1:6", message: "expected a value"),
    InvalidCase(
        name: "inline table trailing comma", document: "a = {b = 1,}", position: "1:12", message: "trailing comma"),
    InvalidCase(
        name: "inline table newline", document: "a = {b = 1,\nc = 2}", position: "1:12", message: "single line"),
    InvalidCase(name: "unclosed header", document: "[a\nb = 1", position: "1:3", message: "expected `]`"),
    InvalidCase(name: "unclosed array header", document: "[[a]\n", position: "1:5", message: "expected `]]`"),
    InvalidCase(name: "empty header", document: "[]", position: "1:2", message: "expected a key"),
    InvalidCase(name: "text after header", document: "[a] b", position: "1:5", message: "expected the end of the line"),
    InvalidCase(name: "multi-line key", document: "\"\"\"k\"\"\" = 1", position: "1:1", message: "multi-line"),
    InvalidCase(name: "column counts scalars", document: "s = \"ééé\\x\"", position: "1:9", message: "invalid escape"),
    InvalidCase(
        name: "deep nesting", document: "a = " + String(repeating: "[", count: 200), position: "1:133",
        message: "nested too deeply"),
]

@Test(arguments: invalidCases)
func rejectsInvalidDocument(_ testCase: InvalidCase) {
    #expect {
        _ = try TOML.parse(testCase.document)
    } throws: { error in
        guard let error = error as? TOMLError else { return false }
        let matches = "\(error.position)" == testCase.position && error.message.contains(testCase.message)
        if !matches { Issue.record("got \(error)") }
        return matches
    }
}

@Test func errorDescriptionIsLineColumnMessage() {
    let error = TOMLError(position: TOMLPosition(line: 3, column: 7), message: "boom")
    #expect(error.description == "3:7: boom")
}
