import Foundation
@testable import Host
import TestSupport
import Testing

/// Padding an MP3 stream to a promised length with frames every decoder reads as silence.
@Suite("Silent MP3 frames", .serialized)
struct SilentMP3FramesTests {
    /// An MP3 as the transcoder writes it (no ID3 tag, no Xing frame), and its bytes.
    static func stream(rate: Int, channels: Int, in folder: TemporaryFolder) async throws -> [UInt8] {
        let url = folder.appending("tone-\(rate)-\(channels).mp3")
        try await AudioFixtures.run("ffmpeg", [
            "-y", "-v", "error", "-f", "lavfi", "-i", "anoisesrc=d=2:c=pink:r=\(rate):a=0.2", "-ac", "\(channels)",
            "-c:a", "libmp3lame", "-b:a", "128k", "-f", "mp3", "-id3v2_version", "0", "-write_xing", "0", url.path,
        ])
        return [UInt8](try Data(contentsOf: url))
    }

    /// What ffmpeg says decoding `bytes`, and the duration it reads.
    static func decode(_ bytes: [UInt8], in folder: TemporaryFolder) async throws -> (errors: String, seconds: Double) {
        let url = folder.appending("padded-\(UUID().uuidString).mp3")
        try Data(bytes).write(to: url)
        let text = try await BlockingWork.run {
            try FixtureCommand.run("ffmpeg", ["-nostdin", "-v", "error", "-f", "mp3", "-i", url.path, "-f", "null", "-"]).errors
        }
        let seconds = try await AudioFixtures.output("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", url.path])
        return (text, Double(seconds.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
    }

    /// `stream` as the server sends it when it promised `count` bytes more than ffmpeg made:
    /// its last frames held back (`MP3FrameHoldback`), then silent frames to the promise.
    static func promised(_ count: Int64, after stream: [UInt8]) async throws -> [UInt8] {
        var holdback = MP3FrameHoldback()
        var bytes: [UInt8] = []
        for start in stride(from: 0, to: stream.count, by: 4096) {
            bytes += holdback.take(stream[start..<min(start + 4096, stream.count)])
        }
        let end = holdback.finish(remaining: Int64(stream.count) + count - Int64(bytes.count))
        bytes += end.send
        try await SilentMP3Frames.pad(count: end.padding, header: holdback.header) { bytes += $0 }
        return bytes
    }

    @Test("a stream short of its promise is padded to exactly that length and decodes without an error, as silence that lengthens it",
          arguments: [(44100, 2), (48000, 1), (22050, 2)])
    func decodesCleanly(rate: Int, channels: Int) async throws {
        let folder = try TemporaryFolder("mp3-padding")
        let stream = try await Self.stream(rate: rate, channels: channels, in: folder)
        let plain = try await Self.decode(stream, in: folder)
        #expect(plain.errors.isEmpty, "\(plain.errors)")
        for count in [30_000, 70_001, 1_000, 417] as [Int64] {
            let padded = try await Self.promised(count, after: stream)
            #expect(padded.count == stream.count + Int(count))
            let decoded = try await Self.decode(padded, in: folder)
            #expect(decoded.errors.isEmpty, "\(count) bytes short at \(rate) Hz: \(decoded.errors)")
            #expect(decoded.seconds > plain.seconds, "the padding is read as frames")
        }
    }

    @Test("a small gap cannot be made of silent frames alone (why the last frames are held back)")
    func smallGapsDoNotFit() async throws {
        let folder = try TemporaryFolder("mp3-padding")
        let header = Array(try await Self.stream(rate: 44100, channels: 2, in: folder).prefix(4))
        #expect(!SilentMP3Frames.fits(count: 1_000, header: header))
        #expect(SilentMP3Frames.fits(count: 30_000, header: header))
    }

    @Test("zeros, what the padding replaces, are a decoding error (so the test above can fail)")
    func zerosAreNot() async throws {
        let folder = try TemporaryFolder("mp3-padding")
        let stream = try await Self.stream(rate: 44100, channels: 2, in: folder)
        var zeros: [UInt8] = []
        try await SilentMP3Frames.zeros(30_000) { zeros += $0 }
        #expect(zeros.count == 30_000)
        let decoded = try await Self.decode(stream + zeros, in: folder)
        #expect(!decoded.errors.isEmpty)
    }
}
