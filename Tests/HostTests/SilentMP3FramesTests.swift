import Foundation
@testable import Host
import TestSupport
import Testing

/// Padding an MP3 stream to a promised length with frames every decoder reads as silence.
@Suite("Silent MP3 frames", .serialized)
struct SilentMP3FramesTests {
    /// An MP3 as the transcoder writes it (no ID3 tag, no Xing frame), and its bytes.
    static func stream(rate: Int, channels: Int, in folder: TemporaryFolder) throws -> [UInt8] {
        let url = folder.appending("tone-\(rate)-\(channels).mp3")
        try AudioFixtures.run("ffmpeg", [
            "-y", "-v", "error", "-f", "lavfi", "-i", "anoisesrc=d=2:c=pink:r=\(rate):a=0.2", "-ac", "\(channels)",
            "-c:a", "libmp3lame", "-b:a", "128k", "-f", "mp3", "-id3v2_version", "0", "-write_xing", "0", url.path,
        ])
        return [UInt8](try Data(contentsOf: url))
    }

    /// What ffmpeg says decoding `bytes`, and the duration it reads.
    static func decode(_ bytes: [UInt8], in folder: TemporaryFolder) throws -> (errors: String, seconds: Double) {
        let url = folder.appending("padded-\(UUID().uuidString).mp3")
        try Data(bytes).write(to: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-nostdin", "-v", "error", "-f", "mp3", "-i", url.path, "-f", "null", "-"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let seconds = try AudioFixtures.output("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", url.path])
        return (text, Double(seconds.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
    }

    static func padding(_ count: Int64, after stream: [UInt8]) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        try await SilentMP3Frames.pad(count: count, header: Array(stream.prefix(4))) { bytes += $0 }
        return bytes
    }

    @Test("the padding is exactly as long as asked and decodes without an error, as silence that lengthens the stream",
          arguments: [(44100, 2), (48000, 1), (22050, 2)])
    func decodesCleanly(rate: Int, channels: Int) async throws {
        let folder = try TemporaryFolder("mp3-padding")
        let stream = try Self.stream(rate: rate, channels: channels, in: folder)
        let plain = try Self.decode(stream, in: folder)
        #expect(plain.errors.isEmpty, "\(plain.errors)")
        for count in [30_000, 70_001, 1_000, 417] as [Int64] {
            let padding = try await Self.padding(count, after: stream)
            #expect(padding.count == Int(count))
            let padded = try Self.decode(stream + padding, in: folder)
            #expect(padded.errors.isEmpty, "\(count) bytes of padding at \(rate) Hz: \(padded.errors)")
            #expect(padded.seconds > plain.seconds, "the padding is read as frames")
        }
    }

    @Test("zeros, what the padding replaces, are a decoding error (so the test above can fail)")
    func zerosAreNot() async throws {
        let folder = try TemporaryFolder("mp3-padding")
        let stream = try Self.stream(rate: 44100, channels: 2, in: folder)
        var zeros: [UInt8] = []
        try await SilentMP3Frames.zeros(30_000) { zeros += $0 }
        #expect(zeros.count == 30_000)
        #expect(!(try Self.decode(stream + zeros, in: folder).errors.isEmpty))
    }
}
