/// A TOML value.
public indirect enum TOMLValue: Sendable, Equatable {
    /// A basic, literal or multi-line string, escapes decoded.
    case string(String)
    /// A decimal, hexadecimal, octal or binary integer.
    case integer(Int64)
    /// A float, including `inf` and `nan`.
    case float(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// An offset date-time, local date-time, local date or local time.
    case datetime(TOMLDateTime)
    /// An array (`[1, 2]`) or an array of tables (`[[name]]`); elements keep their positions.
    case array([TOMLNode])
    /// A table, whether from a `[header]`, dotted keys or an inline table.
    case table(TOMLTable)

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The integer, when this is an integer.
    public var integerValue: Int64? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// The float, when this is a float.
    public var floatValue: Double? {
        if case .float(let value) = self { value } else { nil }
    }

    /// The boolean, when this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The date and/or time, when this is one.
    public var datetimeValue: TOMLDateTime? {
        if case .datetime(let value) = self { value } else { nil }
    }

    /// The elements, when this is an array.
    public var arrayValue: [TOMLNode]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The table, when this is a table.
    public var tableValue: TOMLTable? {
        if case .table(let value) = self { value } else { nil }
    }

    /// The kind of value with its article, for messages: "a string", "an integer", "an array", ...
    public var typeDescription: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .bool: "a boolean"
        case .datetime(let value):
            switch value.kind {
            case .offsetDateTime: "an offset date-time"
            case .localDateTime: "a local date-time"
            case .localDate: "a local date"
            case .localTime: "a local time"
            }
        case .array: "an array"
        case .table: "a table"
        }
    }
}
