/// Where a source's secret lives: never in the config text itself.
public enum CredentialReference: Sendable, Equatable {
    /// A file path (absolute), e.g. from `token_file` or `password_file`.
    case file(String)
    /// A name in `$CREDENTIALS_DIRECTORY` (systemd `LoadCredential=`), from `credentials = "name"`.
    case credential(String)
}
