import SourceAPI
import Testing

@Suite("Provider options from plugins.json")
struct ProviderOptionsTests {
    @Test("typed values are read and defaults fill what is absent")
    func readsTypedValues() throws {
        var options = ProviderOptions(["path": .string("/music"), "watch": .bool(false), "debounce_ms": .number(500)])
        #expect(try options.string("path", default: "x") == "/music")
        #expect(try options.bool("watch", default: true) == false)
        #expect(try options.int("debounce_ms", default: 1, in: 1...1000) == 500)
        #expect(try options.int("absent", default: 7, in: 1...10) == 7)
        try options.rejectUnknownKeys()
    }

    @Test("a value of the wrong type names the key and the expected type")
    func wrongTypeNamesKey() {
        var options = ProviderOptions(["watch": .string("yes")])
        #expect(throws: ProviderOptionError(key: "watch", problem: "expected true or false, found a string \"yes\"")) {
            try options.bool("watch", default: true)
        }
    }

    @Test("a number out of range or with a fraction is refused")
    func numberBounds() {
        var options = ProviderOptions(["n": .number(5000), "f": .number(1.5)])
        #expect(throws: ProviderOptionError.self) { try options.int("n", default: 1, in: 1...1000) }
        #expect(throws: ProviderOptionError.self) { try options.int("f", default: 1, in: 1...1000) }
    }

    @Test("a misspelt key stops the provider instead of being ignored")
    func unknownKeyRejected() throws {
        var options = ProviderOptions(["wacth": .bool(true)])
        _ = try options.bool("watch", default: true)
        #expect(throws: ProviderOptionError.self) { try options.rejectUnknownKeys() }
        do {
            try options.rejectUnknownKeys()
        } catch let error as ProviderOptionError {
            #expect(error.key == "wacth")
            #expect(error.problem.contains("\"watch\""))
        }
    }

    @Test("an empty string is not a path")
    func emptyStringRefused() {
        var options = ProviderOptions(["path": .string("")])
        #expect(throws: ProviderOptionError.self) { try options.optionalString("path") }
    }
}
