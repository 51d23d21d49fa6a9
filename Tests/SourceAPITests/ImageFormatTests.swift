import SourceAPI
import Testing

@Suite("Cover types from their bytes")
struct ImageFormatTests {
    @Test("JPEG, PNG, GIF and WebP are recognised by their magic numbers, whatever they are called")
    func rasterFormats() {
        let samples: [(ImageFormat, [UInt8])] = [
            (.jpeg, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            (.png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]),
            (.gif, Array("GIF89a".utf8) + [1, 0]),
            (.gif, Array("GIF87a".utf8) + [1, 0]),
            (.webp, Array("RIFF".utf8) + [8, 0, 0, 0] + Array("WEBPVP8 ".utf8)),
        ]
        for (format, bytes) in samples {
            #expect(ImageFormat(sniffing: bytes) == format)
            #expect(Artwork(sniffing: bytes)?.contentType == "image/\(format.rawValue)")
        }
    }

    @Test("SVG, HTML, XML, a WAV, truncated magic and random bytes are no picture")
    func everythingElseIsRefused() {
        let samples: [[UInt8]] = [
            Array(#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.utf8),
            Array("<?xml version=\"1.0\"?><svg/>".utf8),
            Array("<!doctype html><script>alert(1)</script>".utf8),
            Array("RIFF".utf8) + [8, 0, 0, 0] + Array("WAVEfmt ".utf8),
            [0xFF, 0xD8], [0x89, 0x50, 0x4E, 0x47], [], [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07],
        ]
        for bytes in samples {
            #expect(ImageFormat(sniffing: bytes) == nil, "\(bytes.prefix(8))")
            #expect(Artwork(sniffing: bytes) == nil)
        }
    }
}
