/// A failure of the state database, naming the file and the operation.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var message: String

    public var description: String { "state database \(path): \(operation): \(message)" }
}
