/// Reads the sizes used in the config: `15MiB`, `512KB`, `1 GB`, `2048` or `2048B`.
///
/// Units (case-insensitive): `B`, `KB` (1000), `KiB` (1024), `MB`, `MiB`, `GB`, `GiB`. Whole numbers only.
public enum ByteSizeParser {
    private static let units: [String: Int] = [
        "": 1, "b": 1, "kb": 1_000, "kib": 1_024, "mb": 1_000_000, "mib": 1_048_576, "gb": 1_000_000_000,
        "gib": 1_073_741_824,
    ]

    /// The number of bytes `text` stands for, or nil when it is not a valid size.
    public static func parse(_ text: String) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        var unit = text.dropFirst(digits.count)
        if unit.first == " " {
            unit = unit.dropFirst()
            guard !unit.isEmpty else { return nil }
        }
        guard let multiplier = units[unit.lowercased()], unit.first != " " else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : bytes
    }

    /// `bytes` in the largest binary unit that divides it exactly: `15MiB`, `1000B`.
    public static func format(_ bytes: Int) -> String {
        for (name, size) in [("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1_024)]
        where bytes != 0 && bytes % size == 0 {
            return "\(bytes / size)\(name)"
        }
        return "\(bytes)B"
    }
}
