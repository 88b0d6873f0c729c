import Foundation
import Glibc

/// A fresh, uniquely named directory under the system temporary directory, removed by ``remove()``.
public struct TemporaryDirectory: Sendable {
    /// The directory's location.
    public let url: URL

    /// The directory's path.
    public var path: String { url.path }

    /// Creates the directory (mode 0700) named `prefix-XXXXXX` under the system temporary directory.
    public init(prefix: String = "earshot-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard created != nil else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "\(base)/\(prefix)-XXXXXX"])
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        url = URL(fileURLWithPath: path, isDirectory: true)
    }

    /// The location of `relative` inside the directory (nothing is created).
    public func url(_ relative: String) -> URL {
        url.appendingPathComponent(relative)
    }

    /// The path of `relative` inside the directory (nothing is created).
    public func path(_ relative: String) -> String {
        url(relative).path
    }

    /// Deletes the directory and everything in it; does nothing if it is already gone.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
