import Foundation
import Host
import TestSupport
import Testing

/// Seeded fuzzing of the plugins.json loader: whatever the file holds, the server either
/// starts with it or stops with a `PluginsFileError` naming the file, never a crash or
/// another error.
@Suite("Fuzzing the plugins.json loader")
struct PluginsFileFuzzTests {
    static let seed: UInt64 = 0x5EED_0020
    static let valid = """
        {"providers": [
          {"id": "local", "type": "LocalFiles", "enabled": true, "search_timeout_ms": 2000,
           "options": {"path": "/music", "watch": true, "debounce_ms": 1500}},
          {"id": "youtube", "type": "YouTube", "enabled": false, "options": {"search_limit": 20}}]}
        """

    static func check(_ text: String, _ label: String) {
        do {
            _ = try PluginsFile.parse(Data(text.utf8), path: "plugins.json")
        } catch let error as PluginsFileError {
            #expect(error.description.hasPrefix("plugins.json"), "\(label): \(error)")
        } catch {
            Issue.record("\(label): not a PluginsFileError: \(error) for \(text.prefix(200))")
        }
    }

    @Test("random edits of a valid file: parsed, or refused with the file named")
    func mutations() {
        var random = SeededRandom(seed: Self.seed)
        let tokens = ["{", "}", "[", "]", "\"", ":", ",", "null", "true", "-0", "1e309", "-1e309", "0.5", "\"\\u0000\"",
                      "\"id\"", "\"type\"", "\"options\"", "\"enabled\"", "\"search_timeout_ms\"", "\"\\ud800\"", " ", "é"]
        let base = Array(Self.valid)
        for index in 0..<3_000 {
            var text = base
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0...text.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where at < text.count: text.remove(at: at)
                case 1: text.insert(contentsOf: random.pick(tokens), at: at)
                default: text = Array(text.prefix(at))
                }
            }
            Self.check(String(text), "case \(index) (seed \(Self.seed))")
        }
    }

    @Test("hostile shapes: deep nesting, huge numbers, odd keys and types")
    func hostileShapes() {
        Self.check(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), "deep array")
        Self.check(#"{"providers": "# + String(repeating: #"{"a": "#, count: 50_000) + "1" + String(repeating: "}", count: 50_001), "deep object")
        Self.check(#"{"providers": [{"id": "local", "type": "LocalFiles", "search_timeout_ms": 1e308}]}"#, "huge timeout")
        Self.check(#"{"providers": [{"id": "local", "type": "LocalFiles", "search_timeout_ms": -1e308}]}"#, "negative timeout")
        Self.check(#"{"providers": [{"id": "\u0000", "type": "LocalFiles"}]}"#, "NUL id")
        Self.check(#"{"providers": [{"id": "local", "type": ""}], "providers": []}"#, "duplicate key")
        Self.check("\u{FEFF}" + Self.valid, "byte order mark")
        Self.check("", "empty")
    }
}
