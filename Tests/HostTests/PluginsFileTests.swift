import Foundation
import Host
import SourceAPI
import TestSupport
import Testing

@Suite("plugins.json")
struct PluginsFileTests {
    func problem(_ json: String) -> String? {
        do {
            let file = try PluginsFile.parse(Data(json.utf8), path: "/etc/myspotify/plugins.json")
            let folder = try TemporaryFolder("plugins")
            _ = try TestHost.registry().build(file, context: ProviderContext(dataDirectory: folder.url, index: EmptyLibraryIndex()))
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("a valid file builds its enabled providers and keeps disabled ones listed")
    func validFile() throws {
        let file = try PluginsFile.parse(Data(#"""
            {"providers": [{"id": "local", "type": "LocalFiles", "search_timeout_ms": 1500},
                           {"id": "nas", "type": "LocalFiles", "enabled": false, "options": {"path": "/nas"}}]}
            """#.utf8), path: "plugins.json")
        let folder = try TemporaryFolder("plugins")
        let built = try TestHost.registry().build(file, context: ProviderContext(dataDirectory: folder.url, index: EmptyLibraryIndex()))
        #expect(built.map(\.id) == ["local", "nas"])
        #expect(built.map(\.enabled) == [true, false])
        #expect(built[0].entry.searchTimeout == .milliseconds(1500))
    }

    @Test("every mistake names the file, the entry and the key", arguments: [
        (#"{"providers": [ {"id": local, "type": "LocalFiles"} ]}"#, ["/etc/myspotify/plugins.json", "not valid JSON"]),
        (#"{"providers": [{"id": "local", "type": "Spotify"}]}"#, ["providers[0] (id \"local\")", "\"type\"", "unknown provider type \"Spotify\"", "\"LocalFiles\""]),
        (#"{"providers": [{"id": "a", "type": "LocalFiles"}, {"id": "a", "type": "LocalFiles"}]}"#, ["providers[1] (id \"a\")", "\"id\"", "duplicate id"]),
        (#"{"providers": [{"id": "local", "type": "LocalFiles", "options": {"debounce_ms": "fast"}}]}"#, ["providers[0] (id \"local\")", "\"options.debounce_ms\"", "expected a whole number"]),
        (#"{"providers": [{"id": "local", "type": "LocalFiles", "options": {"wacth": false}}]}"#, ["\"options.wacth\"", "unknown option"]),
        (#"{"providers": [{"type": "LocalFiles"}]}"#, ["providers[0]", "\"id\"", "missing"]),
        (#"{"providers": [{"id": "Bad Id", "type": "LocalFiles"}]}"#, ["\"id\"", "lower-case"]),
        (#"{"providers": [{"id": "local", "type": "LocalFiles", "enabled": "yes"}]}"#, ["\"enabled\"", "true or false"]),
        (#"{"providers": [{"id": "local", "type": "LocalFiles", "search_timeout_ms": 0}]}"#, ["\"search_timeout_ms\""]),
        (#"{"provider": []}"#, ["\"provider\"", "unknown key"]),
        (#"[]"#, ["expected an object"]),
    ])
    func mistakesAreNamed(json: String, fragments: [String]) throws {
        let message = try #require(problem(json))
        for fragment in fragments {
            #expect(message.contains(fragment), "\(message) should contain \(fragment)")
        }
    }

    @Test("a missing file says how to fix it")
    func missingFile() {
        #expect(throws: PluginsFileError.self) { try PluginsFile.load(path: "/nonexistent/plugins.json") }
    }

    @Test("the repository's plugins.json is valid")
    func repositoryFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try PluginsFile.load(path: root.appendingPathComponent("plugins.json").path)
        #expect(file.entries.contains { $0.type == "LocalFiles" })
    }
}

struct EmptyLibraryIndex: LibraryIndex {
    func search(_ query: SearchQuery, in provider: ProviderID) async throws -> [TrackCandidate] { [] }
}
