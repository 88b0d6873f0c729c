import Foundation
import Testing

import TestSupport

@Suite struct FixturesTests {
    /// `Tests/Fixtures` as seen from this test file, resolved the same way.
    private var expectedDirectory: String {
        let here = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        return here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }

    @Test func findsTheFixturesDirectory() {
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: Fixtures.directory, isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
        #expect(Fixtures.directory.hasSuffix("/Tests/Fixtures"))
        #expect(Fixtures.directory == expectedDirectory)
        #expect(Fixtures.path("rss/a.xml") == expectedDirectory + "/rss/a.xml")
    }

    @Test func readsFilesAndReportsMissingOnes() throws {
        let source = try Fixtures.string("../TestSupport/Fixtures.swift")
        #expect(source.contains("public enum Fixtures"))
        #expect(throws: Fixtures.Missing.self) { try Fixtures.data("does/not/exist.xml") }
    }

    @Test func resolvesThroughASymbolicLink() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let link = temporary.path("TestsLink")
        let tests = URL(fileURLWithPath: Fixtures.directory).deletingLastPathComponent().path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: tests)
        #expect(Fixtures.locateDirectory(from: link + "/TestSupport/Fixtures.swift") == Fixtures.directory)
    }
}
