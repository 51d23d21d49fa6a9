import SourceAPI
import Testing

@Suite("Parts of a library")
struct LibraryScopeTests {
    @Test("a folder's own files, or its whole tree; a name that merely starts like the folder is not in it")
    func contains() {
        let own = LibraryScope(folder: "A", recursive: false)
        let tree = LibraryScope(folder: "A", recursive: true)
        #expect(own.contains("A/1.mp3"))
        #expect(!own.contains("A/B/2.mp3"))
        #expect(tree.contains("A/B/2.mp3"))
        #expect(!tree.contains("AB/1.mp3"))
        #expect(!tree.contains("A"))
        #expect(!tree.contains("B/A/1.mp3"))
        #expect(LibraryScope(folder: "", recursive: false).contains("top.mp3"))
        #expect(!LibraryScope(folder: "", recursive: false).contains("A/1.mp3"))
        #expect(LibraryScope(folder: "", recursive: true).contains("A/1.mp3"))
        // Byte for byte: a name in another Unicode normalization is another name on disk.
        #expect(!LibraryScope(folder: "Caf\u{E9}", recursive: true).contains("Cafe\u{301}/1.mp3"))
    }

    @Test("parts inside a tree that is itself a part are dropped")
    func normalized() {
        let parts: [LibraryScope] = [
            .init(folder: "A/B", recursive: false), .init(folder: "A", recursive: true), .init(folder: "A", recursive: false),
            .init(folder: "AB", recursive: false), .init(folder: "C", recursive: false), .init(folder: "C", recursive: false),
        ]
        #expect(LibraryScope.normalized(parts) == [
            .init(folder: "A", recursive: true), .init(folder: "AB", recursive: false), .init(folder: "C", recursive: false),
        ])
        #expect(LibraryScope.normalized(parts + [.init(folder: "", recursive: true)]) == [.init(folder: "", recursive: true)])
    }

    @Test("two changes together: the union of their parts, or everything")
    func merged() {
        let a = LibraryChange.within([.init(folder: "A", recursive: false)])
        let b = LibraryChange.within([.init(folder: "B", recursive: true)])
        #expect(a.merged(with: b) == .within([.init(folder: "A", recursive: false), .init(folder: "B", recursive: true)]))
        #expect(a.merged(with: .everything) == .everything)
        #expect(LibraryChange.everything.merged(with: b) == .everything)
    }
}
