/// A TOML document that breaks the TOML 1.0 grammar or its rules (duplicate keys, redefined tables, ...).
public struct TOMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem was found.
    public var position: TOMLPosition
    /// What is wrong, in a sentence without position.
    public var message: String

    /// Creates an error at `position`.
    public init(position: TOMLPosition, message: String) {
        self.position = position
        self.message = message
    }

    /// `LINE:COLUMN: message`.
    public var description: String { "\(position): \(message)" }
}
