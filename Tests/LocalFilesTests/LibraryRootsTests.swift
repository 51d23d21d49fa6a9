import Foundation
@testable import LocalFiles
import SourceAPI
import TestSupport
import Testing

/// The rule for symbolic links: followed only when their real path lies inside the library
/// folder or one of `allowed_roots`.
@Suite("Links out of the library")
struct LibraryRootsTests {
    @Test("a linked folder outside the library is reported and not walked; listed in allowed_roots it is walked")
    func linkedFolder() async throws {
        let library = try TemporaryFolder("roots-library")
        let other = try TemporaryFolder("roots-other-disk")
        try await AudioFixtures.tone(at: other.appending("Album/1.mp3"))
        try await AudioFixtures.tone(at: library.appending("Own/2.mp3"))
        try FileManager.default.createSymbolicLink(atPath: library.appending("Other").path, withDestinationPath: other.path)
        try FileManager.default.createSymbolicLink(atPath: library.appending("Root").path, withDestinationPath: "/")

        let closed = LibraryWalker(root: library.path).walk()
        #expect(closed.entries.map(\.path) == ["Own/2.mp3"])
        #expect(closed.problems.contains { $0.hasPrefix("Other: a link to the folder") && $0.contains("allowed_roots") }, "\(closed.problems)")
        #expect(closed.problems.contains { $0.hasPrefix("Root: a link to the folder /,") }, "\(closed.problems)")

        let open = LibraryWalker(root: library.path, roots: LibraryRoots(library: library.path, allowed: [other.path])).walk()
        #expect(open.entries.map(\.path) == ["Other/Album/1.mp3", "Own/2.mp3"])
        #expect(open.problems.count == 1, "the link to / is still refused: \(open.problems)")
    }

    @Test("allowed_roots takes a list of absolute paths; anything else is refused with an error naming the option")
    func optionIsChecked() throws {
        let folder = try TemporaryFolder("roots-option")
        func make(_ roots: JSONValue) throws -> LocalFilesProvider {
            try LocalFilesProvider(
                id: "local", options: ProviderOptions(["path": .string(folder.path), "allowed_roots": roots]),
                context: ProviderContext(dataDirectory: folder.url, index: NoIndex()))
        }
        let accepted = try make(.array([.string("/mnt/disk2/music"), .string("/srv/music/")]))
        #expect(accepted.roots.paths == [folder.url.standardizedFileURL.path, "/mnt/disk2/music", "/srv/music"])
        for (bad, problem) in [(JSONValue.string("/mnt"), "a list of strings"), (.array([.string("music")]), "absolute"),
                               (.array([.number(1)]), "non-empty strings")] {
            do {
                _ = try make(bad)
                Issue.record("\(bad) was accepted")
            } catch let error as ProviderOptionError {
                #expect(error.key == "allowed_roots")
                #expect(error.problem.contains(problem), "\(error.problem)")
            }
        }
    }

    @Test("fetch opens the file and names its real path; a link out of the roots is not playable")
    func fetchChecksTheDescriptor() async throws {
        let library = try TemporaryFolder("roots-fetch")
        try await AudioFixtures.tone(at: library.appending("a.mp3"))
        try FileManager.default.createSymbolicLink(atPath: library.appending("b.mp3").path, withDestinationPath: "/etc/passwd")
        let provider = try LocalFilesProvider(
            id: "local", options: ProviderOptions(["path": .string(library.path)]),
            context: ProviderContext(dataDirectory: library.url, index: NoIndex()))
        guard case .opened(let file, let type) = try await provider.fetch(RemoteRef(provider: "local", id: "a.mp3")) else {
            Issue.record("a library file is handed over opened")
            return
        }
        #expect(type == "audio/mpeg")
        #expect(file.realPath.hasSuffix("/a.mp3"))
        let passwd = RemoteRef(provider: "local", id: "b.mp3")
        await #expect(throws: ProviderError.self) { _ = try await provider.fetch(passwd) }
        do {
            _ = try await provider.fetch(passwd)
        } catch ProviderError.notPlayable(_, let reason) {
            #expect(reason.contains("/etc/passwd"))
        }
    }
}
