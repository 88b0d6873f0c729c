import Foundation
import Glibc

/// Locates test fixture files under the repository's `Tests/Fixtures` directory.
///
/// The directory is found from this source file's `#filePath` (with symbolic links resolved, then as given),
/// going up to the nearest `Tests` directory that holds `Fixtures`, so it works in any clone and when this
/// target's sources are reached through a symbolic link.
public enum Fixtures {
    /// Why a fixture could not be read.
    public struct Missing: Error, CustomStringConvertible, Sendable {
        /// The path that was tried.
        public let path: String
        /// A message naming the missing file.
        public var description: String { "fixture not found: \(path)" }
    }

    /// The absolute path of the `Tests/Fixtures` directory.
    public static let directory: String = locateDirectory(from: #filePath)

    /// The absolute path of `relative` (for example `"rss/basic.xml"`) inside `Tests/Fixtures`.
    public static func path(_ relative: String) -> String {
        relative.hasPrefix("/") ? directory + relative : directory + "/" + relative
    }

    /// The file URL of `relative` inside `Tests/Fixtures`.
    public static func url(_ relative: String) -> URL {
        URL(fileURLWithPath: path(relative))
    }

    /// The contents of the fixture `relative`; throws ``Missing`` if it cannot be read.
    public static func data(_ relative: String) throws -> Data {
        let path = path(relative)
        guard let data = FileManager.default.contents(atPath: path) else { throw Missing(path: path) }
        return data
    }

    /// The contents of the fixture `relative` as bytes.
    public static func bytes(_ relative: String) throws -> [UInt8] {
        try Array(data(relative))
    }

    /// The contents of the fixture `relative` decoded as UTF-8.
    public static func string(_ relative: String) throws -> String {
        try String(decoding: data(relative), as: UTF8.self)
    }

    /// The `Tests/Fixtures` directory found by going up from `sourceFile` (symbolic links resolved first, then
    /// as given) to the nearest `Tests` directory that contains `Fixtures`; ``directory`` uses this file's path.
    public static func locateDirectory(from sourceFile: String) -> String {
        var candidates: [String] = []
        if let resolved = realpath(sourceFile, nil) {
            candidates.append(String(cString: resolved))
            free(resolved)
        }
        candidates.append(sourceFile)
        for candidate in candidates {
            var directory = URL(fileURLWithPath: candidate).deletingLastPathComponent()
            while directory.path != "/" && !directory.path.isEmpty {
                let fixtures = directory.appendingPathComponent("Fixtures").path
                var isDirectory: ObjCBool = false
                if directory.lastPathComponent == "Tests",
                    FileManager.default.fileExists(atPath: fixtures, isDirectory: &isDirectory), isDirectory.boolValue
                {
                    return fixtures
                }
                directory.deleteLastPathComponent()
            }
        }
        // Fall back to the conventional layout: <repo>/Tests/TestSupport/Fixtures.swift.
        let first = URL(fileURLWithPath: candidates[0])
        return first.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }
}
