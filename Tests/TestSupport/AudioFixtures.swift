import Foundation

/// Audio files made by the tests with the real ffmpeg: tones with tags and covers, in
/// every format the library reads. Nothing binary is kept in git.
public enum AudioFixtures {
    public enum Format: String, CaseIterable, Sendable {
        case mp3, flac, m4a, ogg, opus, wav

        var codecArguments: [String] {
            switch self {
            case .mp3: ["-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "3"]
            case .flac: ["-c:a", "flac"]
            case .m4a: ["-c:a", "aac", "-b:a", "64k"]
            case .ogg: ["-c:a", "libvorbis", "-q:a", "0"]
            case .opus: ["-c:a", "libopus", "-b:a", "32k"]
            case .wav: ["-c:a", "pcm_s16le"]
            }
        }
    }

    /// Tags to write, by ffmpeg metadata key (`title`, `artist`, `album`, `album_artist`,
    /// `genre`, `date`, `track`, `disc`).
    public typealias Tags = [String: String]

    /// Writes a tone of `seconds` to `url`, tagged, with an embedded cover when asked.
    @discardableResult
    public static func tone(
        at url: URL, format: Format? = nil, seconds: Double = 1, frequency: Int = 440, tags: Tags = [:],
        embeddedCover: Bool = false
    ) async throws -> URL {
        let format = format ?? Format(rawValue: url.pathExtension.lowercased()) ?? .mp3
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var arguments = ["-y", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=\(frequency):duration=\(seconds)"]
        let coverURL = url.deletingLastPathComponent().appendingPathComponent(".cover-\(UUID().uuidString).jpg")
        // ffmpeg attaches pictures to MP3, FLAC and MP4 only; other formats carry none.
        if embeddedCover, [.mp3, .flac, .m4a].contains(format) {
            try await image(at: coverURL, color: "red")
            arguments += ["-i", coverURL.path, "-map", "0:a", "-map", "1:v", "-c:v", "copy", "-disposition:v", "attached_pic"]
            if format == .mp3 { arguments += ["-metadata:s:v", "title=Album cover", "-metadata:s:v", "comment=Cover (front)"] }
        }
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) { arguments += ["-metadata", "\(key)=\(value)"] }
        arguments += format.codecArguments
        arguments.append(url.path)
        defer { try? FileManager.default.removeItem(at: coverURL) }
        try await run("ffmpeg", arguments)
        return url
    }

    /// A small solid-colour JPEG or PNG (by extension), for folder covers.
    @discardableResult
    public static func image(at url: URL, color: String = "blue", size: Int = 64) async throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try await run("ffmpeg", ["-y", "-v", "error", "-f", "lavfi", "-i", "color=\(color):s=\(size)x\(size)", "-frames:v", "1", url.path])
        return url
    }

    /// Random bytes under an audio name: what a broken download looks like.
    @discardableResult
    public static func corrupt(at url: URL, bytes: Int = 8192) throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try data.write(to: url)
        return url
    }

    /// Runs a tool from PATH and fails with its error output when it exits non-zero.
    public static func run(_ tool: String, _ arguments: [String]) async throws {
        _ = try await output(tool, arguments)
    }

    /// Runs a tool from PATH and returns what it printed, waiting off the cooperative
    /// threads (`BlockingWork`).
    public static func output(_ tool: String, _ arguments: [String]) async throws -> String {
        try await BlockingWork.run { try blockingOutput(tool, arguments) }
    }

    /// `run`, waiting on the calling thread: only for cleanup in a `defer`, which cannot await.
    public static func runBlocking(_ tool: String, _ arguments: [String]) throws {
        _ = try blockingOutput(tool, arguments)
    }

    /// `output`, waiting on the calling thread (small outputs: its error output is read after it).
    private static func blockingOutput(_ tool: String, _ arguments: [String]) throws -> String {
        let result = try FixtureCommand.run(tool, arguments)
        guard result.status == 0 else {
            throw FixtureError(message: "\(tool) \(arguments.joined(separator: " ")) failed: \(result.errors)")
        }
        return result.output
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
