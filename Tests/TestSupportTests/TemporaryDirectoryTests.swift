import Foundation
import Testing

import TestSupport

@Suite struct TemporaryDirectoryTests {
    @Test func createsUniqueDirectoriesAndRemovesThem() throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory(prefix: "other")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: first.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(first.path != second.path)
        #expect(first.path.hasPrefix(FileManager.default.temporaryDirectory.path))
        #expect(URL(fileURLWithPath: second.path).lastPathComponent.hasPrefix("other-"))

        try Data("x".utf8).write(to: first.url("nested.txt"))
        #expect(FileManager.default.fileExists(atPath: first.path("nested.txt")))
        first.remove()
        second.remove()
        first.remove()  // harmless when already gone
        #expect(!FileManager.default.fileExists(atPath: first.path))
        #expect(!FileManager.default.fileExists(atPath: second.path))
    }
}
