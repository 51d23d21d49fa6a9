import Foundation
@testable import Host
import SourceAPI
import TestSupport
import Testing

@Suite("Search with many matches")
struct BroadSearchTests {
    @Test("a broad query lists title matches first and pages through every match exactly once")
    func broadQueryPaging() async throws {
        let folder = try TemporaryFolder("broad")
        let catalog = try Catalog(path: folder.appending("catalog.sqlite"), rankedMatchLimit: 5)
        var writes: [ScanWrite] = []
        for index in 0..<8 {
            writes.append(.insert(TrackMetadata(title: "Song \(index)", album: "Loops"),
                                  LibraryEntry(path: "album/\(index).mp3", size: 1, modifiedNanoseconds: 1)))
        }
        for index in 0..<4 {
            writes.append(.insert(TrackMetadata(title: "Loop \(index)", album: "Other"),
                                  LibraryEntry(path: "title/\(index).mp3", size: 1, modifiedNanoseconds: 1)))
        }
        writes.append(.insert(TrackMetadata(title: "Unrelated"), LibraryEntry(path: "x.mp3", size: 1, modifiedNanoseconds: 1)))
        try await catalog.applyScanWrites(writes, source: "local")

        let first = try await catalog.search("loop", source: "local", limit: 4, offset: 0)
        #expect(first.map(\.title).allSatisfy { $0.hasPrefix("Loop ") })
        var seen: [String] = []
        for offset in stride(from: 0, to: 15, by: 3) {
            seen += try await catalog.search("loop", source: "local", limit: 3, offset: offset).map(\.id)
        }
        #expect(seen.count == 12)
        #expect(Set(seen).count == 12)
        #expect(try await catalog.search("loop", source: "youtube", limit: 20, offset: 0).isEmpty)
        #expect(try await catalog.search("loop unrelated", source: "local", limit: 20, offset: 0).isEmpty)
    }
}
