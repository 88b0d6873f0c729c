import Foundation

/// Reads secrets from files or `$CREDENTIALS_DIRECTORY`; the value is trimmed of surrounding whitespace.
public struct CredentialReader: Sendable {
    /// `$CREDENTIALS_DIRECTORY`, if set.
    public var credentialsDirectory: String?

    /// Creates a reader; by default `$CREDENTIALS_DIRECTORY` comes from the process environment.
    public init(credentialsDirectory: String? = ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"]) {
        self.credentialsDirectory = credentialsDirectory
    }

    /// The secret, or an ``AdapterError`` of kind `.credentials` naming the file (never its content).
    public func read(_ reference: CredentialReference) throws(AdapterError) -> String {
        let path: String
        switch reference {
        case .file(let file):
            path = file
        case .credential(let name):
            guard let directory = credentialsDirectory, !directory.isEmpty else {
                throw AdapterError(
                    .credentials, "credential \"\(name)\" needs $CREDENTIALS_DIRECTORY, which is not set")
            }
            guard !name.contains("/"), name != "..", name != "." else {
                throw AdapterError(.credentials, "credential name \"\(name)\" must not contain a path")
            }
            path = directory + "/" + name
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AdapterError(.credentials, "cannot read credential file \(path)")
        }
        let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw AdapterError(.credentials, "credential file \(path) is empty") }
        return value
    }
}
