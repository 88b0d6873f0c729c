/// Entry point of the TOML 1.0 reader.
public enum TOML {
    /// Parses a TOML 1.0 document into its root table, keeping the position of every key and value.
    ///
    /// - Throws: The first ``TOMLError`` found: a syntax error, or a rule of the spec broken (a key defined twice,
    ///   a table redefined, an invalid escape, a newline in a basic string, ...).
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = Parser(text)
        return try parser.parseDocument()
    }
}
