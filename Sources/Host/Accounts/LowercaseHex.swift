/// Lower-case hexadecimal of a digest (an API key's lookup hash, a token's md5, a refresh
/// token's hash). Hand-written because `String(format: "%02x")` goes through Foundation's
/// formatter for every byte: it was 5.5 % of the server's time for a token sign-in under
/// load (perf, bench/run's /rest/ping), more than the md5 itself.
enum LowercaseHex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
