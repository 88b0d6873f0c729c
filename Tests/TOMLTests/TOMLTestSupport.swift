import TOML

/// A compact, canonical rendering of parsed values, so a test can compare a whole document in one string.
func render(_ table: TOMLTable) -> String {
    "{" + table.entries.map { "\(quoteIfNeeded($0.key))=\(render($0.node.value))" }.joined(separator: ",") + "}"
}

func render(_ value: TOMLValue) -> String {
    switch value {
    case .string(let string): "\"\(string)\""
    case .integer(let integer): "\(integer)"
    case .float(let float): float.isNaN ? "nan" : "\(float)"
    case .bool(let bool): "\(bool)"
    case .datetime(let datetime): "dt(\(datetime.text))"
    case .array(let nodes): "[" + nodes.map { render($0.value) }.joined(separator: ",") + "]"
    case .table(let table): render(table)
    }
}

private func quoteIfNeeded(_ key: String) -> String {
    key.isEmpty || key.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) ? "\"\(key)\"" : key
}
