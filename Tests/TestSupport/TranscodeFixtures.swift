import Foundation

/// What the transcoding tests need around the real ffmpeg: music-like fixtures (noise, whose
/// FLAC has a realistic bit rate, unlike a sine tone's), ffprobe's reading of a stream, and
/// the transcoding ffmpeg processes this test process has running (read from `/proc`).
public enum TranscodeFixtures {
    /// Writes `seconds` of stereo pink noise to `url` (format by extension: flac, mp3 at
    /// `mp3BitRate`, m4a, with `faststart` putting the MP4 index first), tagged.
    @discardableResult
    public static func noise(
        at url: URL, seconds: Int, tags: AudioFixtures.Tags = [:], mp3BitRate: Int = 128, faststart: Bool = false
    ) async throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var arguments = [
            "-y", "-v", "error", "-f", "lavfi", "-i", "anoisesrc=d=\(seconds):c=pink:r=44100:a=0.3:seed=7",
            "-f", "lavfi", "-i", "anoisesrc=d=\(seconds):c=brown:r=44100:a=0.3:seed=11",
            "-filter_complex", "[0:a][1:a]amerge=inputs=2[a]", "-map", "[a]",
        ]
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) { arguments += ["-metadata", "\(key)=\(value)"] }
        switch url.pathExtension.lowercased() {
        case "flac": arguments += ["-c:a", "flac"]
        case "mp3": arguments += ["-c:a", "libmp3lame", "-b:a", "\(mp3BitRate)k"]
        case "m4a": arguments += ["-c:a", "aac", "-b:a", "128k"] + (faststart ? ["-movflags", "+faststart"] : [])
        default: throw FixtureError(message: "no noise fixture for \(url.pathExtension)")
        }
        arguments.append(url.path)
        try await AudioFixtures.run("ffmpeg", arguments)
        return url
    }

    /// What ffprobe reads in a stream: its codec, the overall bit rate (bits per second,
    /// from the size and the duration) and the duration in seconds.
    public struct Probe: Sendable, CustomStringConvertible {
        public var codec: String
        public var bitRate: Double
        public var seconds: Double
        public var description: String { "\(codec), \(Int(bitRate)) b/s, \(seconds) s" }
    }

    /// Probes `bytes` (written to a file). The duration is where the last packet ends, read
    /// packet by packet: ffprobe's own duration of an ADTS stream is guessed from its size
    /// and first bit rate (3 % long for 30 s of AAC, and longer for every byte skipped).
    public static func probe(_ bytes: [UInt8], in folder: TemporaryFolder, suffix: String) async throws -> Probe {
        let url = folder.appending("probe-\(UUID().uuidString).\(suffix)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let codec = try await AudioFixtures.output("ffprobe", [
            "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0", url.path,
        ]).trimmingCharacters(in: .whitespacesAndNewlines)
        let packets = try await AudioFixtures.output("ffprobe", [
            "-v", "error", "-select_streams", "a:0", "-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0", url.path,
        ])
        let ends = packets.split(separator: "\n").compactMap { line -> Double? in
            let fields = line.split(separator: ",").compactMap { Double($0) }
            return fields.count == 2 ? fields[0] + fields[1] : nil
        }
        guard !codec.isEmpty, let seconds = ends.max(), seconds > 0 else {
            throw FixtureError(message: "ffprobe read no audio stream: \(codec)")
        }
        return Probe(codec: codec, bitRate: Double(bytes.count) * 8 / seconds, seconds: seconds)
    }

    /// ffmpeg's complaints decoding `bytes` in full (empty when it decodes cleanly), waited
    /// for off the cooperative threads (`BlockingWork`).
    public static func decodingErrors(_ bytes: [UInt8], in folder: TemporaryFolder, suffix: String) async throws -> String {
        let url = folder.appending("decode-\(UUID().uuidString).\(suffix)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await BlockingWork.run {
            let result = try FixtureCommand.run("ffmpeg", ["-nostdin", "-v", "error", "-i", url.path, "-f", "null", "-"])
            return result.errors.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The ffmpeg in `PATH`, resolved.
    public static func installedFFmpeg() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy.map { URL(fileURLWithPath: String($0)).appendingPathComponent("ffmpeg") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The transcoding ffmpeg processes of one test host: started through the host's own link
    /// to ffmpeg (`TestHost` puts one in its folder) with the transcoder's channel filter
    /// (which no fixture or thumbnail command has), by this process; zombies, already dead,
    /// are left out.
    public static func transcodeProcesses(of test: TestHost) -> [String] {
        let ffmpeg = test.folder.appending("bin/ffmpeg").path
        let parent = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid -> String? in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.range(of: ")", options: .backwards)
            else { return nil }
            let fields = stat[close.upperBound...].split(separator: " ")
            guard fields.count > 2, fields[0] != "Z", Int32(fields[1]) == parent,
                  let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
            else { return nil }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard arguments.first == ffmpeg, arguments.contains(where: { $0.hasPrefix("aformat=channel_layouts") }) else { return nil }
            return "\(pid): \(arguments.joined(separator: " "))"
        }
    }

    /// Waits (bounded) until `condition` holds; false when it never did.
    public static func eventually(within limit: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}
