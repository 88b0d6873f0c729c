/// Aligns tab-separated lines into columns, block by block (a line without a tab ends a block).
enum TextTable {
    static func aligned(_ lines: [String]) -> [String] {
        var result: [String] = []
        var block: [[Substring]] = []
        func flush() {
            guard !block.isEmpty else { return }
            let columns = block.map(\.count).max() ?? 0
            var widths = [Int](repeating: 0, count: columns)
            for row in block {
                for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
            }
            for row in block {
                let cells = row.enumerated().map { index, cell in
                    index == row.count - 1
                        ? String(cell) : cell + String(repeating: " ", count: widths[index] - cell.count)
                }
                result.append(cells.joined(separator: "  "))
            }
            block.removeAll()
        }
        for line in lines {
            if line.contains("\t") {
                block.append(line.split(separator: "\t", omittingEmptySubsequences: false))
            } else {
                flush()
                result.append(line)
            }
        }
        flush()
        return result
    }
}
