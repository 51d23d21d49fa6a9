import Foundation
import SourceAPI
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test("every JSON type decodes and encodes back the same")
    func roundTrip() throws {
        let text = #"{"a":"s","b":1.5,"c":true,"d":[1,"x"],"e":{"f":null}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        guard case .object(let fields) = value else {
            Issue.record("not an object")
            return
        }
        #expect(fields["a"] == .string("s"))
        #expect(fields["b"] == .number(1.5))
        #expect(fields["c"] == .bool(true))
        #expect(fields["d"] == .array([.number(1), .string("x")]))
        #expect(fields["e"] == .object(["f": .null]))
        let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(again == value)
    }
}
