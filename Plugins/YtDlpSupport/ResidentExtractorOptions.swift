import Foundation
import SourceAPI

/// How a yt-dlp provider keeps its resident extractor, from its `plugins.json` options:
///
/// - `resident_extractor`: keep yt-dlp loaded in a resident process (default true); false
///   runs the yt-dlp command for every play, as before;
/// - `extractor_python`: the interpreter that has the `yt_dlp` module (default: the one
///   that runs the `yt_dlp` executable when that is yt-dlp itself; none otherwise, and then
///   the command runs for every play);
/// - `extractor_processes`: resident processes at most (default 2, 1 to 4; each holds
///   yt-dlp in memory, some 40 MB, and all stop after 10 idle minutes);
/// - `prepare_hits`: the top hits of each search resolved in the background, so that a
///   click soon after plays at once (default 3, 0 for none; needs 2 processes or more).
public struct ResidentExtractorOptions: Sendable, Equatable {
    public var enabled: Bool
    public var python: String?
    public var processes: Int
    public var preparedHits: Int

    public init(enabled: Bool = true, python: String? = nil, processes: Int = 2, preparedHits: Int = 3) {
        self.enabled = enabled
        self.python = python
        self.processes = processes
        self.preparedHits = preparedHits
    }

    /// The yt-dlp command for every play: no resident process.
    public static let off = ResidentExtractorOptions(enabled: false, preparedHits: 0)

    /// Reads the options above; the caller still calls `rejectUnknownKeys()`.
    public static func read(from options: inout ProviderOptions) throws -> ResidentExtractorOptions {
        ResidentExtractorOptions(
            enabled: try options.bool("resident_extractor", default: true),
            python: try options.optionalString("extractor_python"),
            processes: try options.int("extractor_processes", default: 2, in: 1...4),
            preparedHits: try options.int("prepare_hits", default: 3, in: 0...10))
    }

    /// The interpreter for the extractor of `ytDlp`: the option; else, when `ytDlp` is
    /// yt-dlp itself, the interpreter that runs it: a pip-installed yt-dlp's script names
    /// its own on its `#!` line, and the release zipapp runs under `python3`. nil for
    /// anything else (a wrapper script, a stand-in, the standalone binary): the extractor
    /// must use the very yt-dlp the command runs, so such a provider runs the command.
    func interpreter(for ytDlp: String) -> String? {
        if let python { return python }
        guard let path = Self.locate(ytDlp), let head = Self.head(of: path), head.starts(with: Array("#!".utf8)),
              let end = head.firstIndex(of: UInt8(ascii: "\n")),
              let first = String(bytes: head[2..<end], encoding: .utf8)
        else { return nil }
        let rest = head[(end + 1)...]
        let isZipApp = rest.starts(with: [0x50, 0x4B, 0x03, 0x04])
        let isEntryPoint = String(decoding: rest, as: UTF8.self).contains("from yt_dlp import main")
        guard isZipApp || isEntryPoint else { return nil }
        let words = first.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // "#!/usr/bin/env python3" names the interpreter second.
        let named = words.first.map { ($0 as NSString).lastPathComponent == "env" } == true ? words.dropFirst().first : words.first
        guard let named, (named as NSString).lastPathComponent.hasPrefix("python") else { return nil }
        return named
    }

    /// A path as given, or a name looked up in `PATH`.
    static func locate(_ executable: String) -> String? {
        if executable.contains("/") { return executable }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return folders.map { "\($0)/\(executable)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The first 1 KiB of a file.
    private static func head(of path: String) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 1024)).map { [UInt8]($0) }
    }
}
