import HTTPSupport
@testable import Server
import Testing

@Suite("Range header parsing (RFC 9110)")
struct ByteRangeTests {
    @Test("satisfiable single ranges", arguments: [
        ("bytes=0-99", ByteRangeRequest.partial(0...99)),
        ("bytes=100-", .partial(100...999)),
        ("bytes=-100", .partial(900...999)),
        ("bytes=-5000", .partial(0...999)),
        ("bytes=990-5000", .partial(990...999)),
        ("bytes=999-999", .partial(999...999)),
        ("BYTES=0-0", .partial(0...0)),
        // A last position past the end is clamped to it, however many digits it has.
        ("bytes=0-99999999999999999999", .partial(0...999)),
        ("bytes=500-9223372036854775808", .partial(500...999)),
        ("bytes=-99999999999999999999", .partial(0...999)),
    ])
    func satisfiable(header: String, expected: ByteRangeRequest) {
        #expect(ByteRangeRequest(header: header, length: 1000) == expected)
    }

    @Test("headers that are ignored: none, another unit, several ranges", arguments: [
        nil, "", "items=0-5", "bytes=0-1,5-6",
    ] as [String?])
    func ignored(header: String?) {
        #expect(ByteRangeRequest(header: header, length: 1000) == .whole)
    }

    @Test("unsatisfiable or malformed ranges are refused", arguments: [
        "bytes=1000-", "bytes=5000-6000", "bytes=-0", "bytes=abc", "bytes=5-1", "bytes=--5", "bytes=1-2-3",
        "bytes=+1-2", "bytes= ", "bytes=0x10-20", "bytes=99999999999999999999-",
    ])
    func refused(header: String) {
        guard case .unsatisfiable(let reason) = ByteRangeRequest(header: header, length: 1000) else {
            Issue.record("\(header) was accepted")
            return
        }
        #expect(reason.contains("Range"))
    }

    @Test("an empty file has no satisfiable range")
    func emptyFile() {
        #expect(ByteRangeRequest(header: "bytes=0-", length: 0) != .whole)
        #expect(ByteRangeRequest(header: "bytes=-1", length: 0) != .whole)
    }

    @Test("without a length (a download in progress): from-ranges are known at once, suffixes and garbage need the end", arguments: [
        ("bytes=0-99", ByteRangeSpec.from(0, through: 99)),
        ("bytes=500-", .from(500, through: nil)),
        ("bytes=0-99999999999999999999", .from(0, through: Int64.max)),
        ("bytes=-20", .suffix(20)),
        (nil, .whole),
        ("bytes=0-1,4-5", .whole),
    ] as [(String?, ByteRangeSpec)])
    func unknownLength(header: String?, expected: ByteRangeSpec) {
        #expect(ByteRangeSpec(header: header) == expected)
    }

    @Test("a malformed range is malformed whatever the length", arguments: ["bytes=abc", "bytes=5-1", "bytes=--5", "bytes=1-2-3"])
    func malformedWithoutLength(header: String) {
        guard case .malformed = ByteRangeSpec(header: header) else {
            Issue.record("\(header) was accepted")
            return
        }
    }
}
