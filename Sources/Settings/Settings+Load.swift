extension Settings {
    /// Reads `path` and its includes, validates everything, and returns the snapshot or every problem at once.
    ///
    /// Relative paths in the config (`state_dir`, a maildir `path`, `include` globs) resolve against the folder of
    /// the file they are written in. Messages name the main file as `path` is written, and an included file as the
    /// main file's folder joined with its include path.
    ///
    /// - Throws: ``ConfigErrors`` with every problem found, sorted by file (main file first) and line.
    public static func load(path: String) throws(ConfigErrors) -> Settings {
        try load(path: path, workingDirectory: FileSystem.currentDirectory())
    }

    /// ``load(path:)`` with relative paths resolved against `workingDirectory` instead of the process's.
    public static func load(path: String, workingDirectory: String) throws(ConfigErrors) -> Settings {
        try ConfigLoader(workingDirectory: workingDirectory).load(path: path)
    }

    /// `$EARSHOT_CONFIG` if set, else `/etc/earshot/earshot.toml`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["EARSHOT_CONFIG"], !path.isEmpty { return path }
        return "/etc/earshot/earshot.toml"
    }
}
