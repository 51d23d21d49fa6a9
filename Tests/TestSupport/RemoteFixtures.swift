import Foundation

/// The pieces remote-source tests need: the real yt-dlp of the project's virtual
/// environment, and stand-ins for the parts that would need the internet (YouTube Music
/// search, SoundCloud search) that speak the same protocol as the real thing.
public enum RemoteFixtures {
    /// The repository root (three levels above this file).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The real yt-dlp: the project's `.venv` (made by scripts/setup), else the one in PATH.
    public static var ytDlp: String {
        let venv = repositoryRoot.appendingPathComponent(".venv/bin/yt-dlp").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "yt-dlp"
    }

    /// The helper script the YouTube provider ships.
    public static var ytmusicHelper: String {
        repositoryRoot.appendingPathComponent("Plugins/YouTube/Sources/ytmusic_helper.py").path
    }

    /// Search results in the shape ytmusicapi documents for `YTMusic.search`: a song with
    /// several artists, one whose album is null and whose duration_seconds is missing, a
    /// video, and an artist result with no videoId.
    public static let ytmusicResults = #"""
        {"songs": [
          {"resultType": "song", "videoId": "aaaaaaaaaa1", "title": "Get Lucky",
           "artists": [{"name": "Daft Punk", "id": "UC1"}, {"name": "Pharrell Williams", "id": "UC2"}],
           "album": {"name": "Random Access Memories", "id": "MPRE1"}, "duration": "6:09", "duration_seconds": 369,
           "thumbnails": [{"url": "https://i.ytimg.com/small.jpg", "width": 60, "height": 60},
                          {"url": "https://i.ytimg.com/large.jpg", "width": 544, "height": 544}], "year": "2013"},
          {"resultType": "song", "videoId": "bbbbbbbbbb2", "title": "Lucky Star",
           "artists": [{"name": "Madonna", "id": null}], "album": null, "duration": "5:37",
           "thumbnails": [], "year": null},
          {"resultType": "artist", "videoId": null, "title": null, "artists": [{"name": "Lucky Dube"}]}
        ],
        "videos": [
          {"resultType": "video", "videoId": "ccccccccc-3", "title": "Get Lucky (Official Video)",
           "artists": [{"name": "Daft Punk"}], "duration": "4:08", "duration_seconds": 248}
        ]}
        """#

    /// A folder holding a stand-in `ytmusicapi` module that answers from `ytmusicResults`
    /// (and never answers the query "hang"), and a `python` wrapper that puts it first on
    /// the module path. Point the YouTube provider's `python` option at the wrapper.
    public static func fakeYTMusic(in folder: URL) throws -> String {
        let module = folder.appendingPathComponent("fakepy/ytmusicapi")
        try FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
        try ytmusicResults.write(to: module.appendingPathComponent("results.json"), atomically: true, encoding: .utf8)
        try #"""
            import json, os, time

            class YTMusic:
                def search(self, query, filter=None, limit=20):
                    if query == "hang":
                        time.sleep(3600)
                    if query == "crash":
                        os._exit(3)
                    with open(os.path.join(os.path.dirname(__file__), "results.json")) as results:
                        return json.load(results).get(filter or "songs", [])[:limit]
            """#.write(to: module.appendingPathComponent("__init__.py"), atomically: true, encoding: .utf8)
        let wrapper = folder.appendingPathComponent("python-with-fake-ytmusicapi")
        try """
            #!/bin/sh
            PYTHONPATH="\(folder.appendingPathComponent("fakepy").path)" exec python3 "$@"
            """.write(to: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        return wrapper.path
    }

    /// A yt-dlp wrapper that answers `scsearchN:` (SoundCloud search needs the internet)
    /// with a recorded flat-playlist answer pointing at `mediaBase`, and runs the real
    /// yt-dlp for everything else.
    public static func soundCloudSearchYtDlp(in folder: URL, mediaBase: String) throws -> String {
        let answer = """
            {"_type": "playlist", "id": "query", "title": "query", "entries": [
              {"_type": "url", "ie_key": "Soundcloud", "id": "1001", "url": "\(mediaBase)/someartist/night-drive",
               "title": "Night Drive", "uploader": "Some Artist", "duration": 2.0},
              {"_type": "url", "ie_key": "Soundcloud", "id": "1002", "url": "\(mediaBase)/other_artist/untitled-loop"}
            ]}
            """
        let answerFile = folder.appendingPathComponent("scsearch.json")
        try answer.write(to: answerFile, atomically: true, encoding: .utf8)
        let wrapper = folder.appendingPathComponent("yt-dlp-with-recorded-scsearch")
        try """
            #!/bin/sh
            for argument in "$@"; do
              case "$argument" in scsearch*) cat "\(answerFile.path)"; exit 0 ;; esac
            done
            exec "\(ytDlp)" "$@"
            """.write(to: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        return wrapper.path
    }

    /// Processes whose environment contains `text`: the helpers started with a test's own
    /// fake module path (to prove none is left behind).
    public static func processes(withEnvironmentContaining text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid -> String? in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return nil }
            let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            if state.contains(") Z ") { return nil }  // a zombie is reaped by its parent, not running
            return String(decoding: data, as: UTF8.self).contains(text) ? pid : nil
        }
    }

    /// Processes (not zombies) in the process group `group`: none once a group was killed.
    public static func processes(inGroup group: pid_t) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid -> String? in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let end = stat.lastIndex(of: ")") else { return nil }
            // After "pid (name)": state, ppid, pgrp.
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            guard fields.count > 2, fields[0] != "Z", pid_t(fields[2]) == group else { return nil }
            return "\(pid): \(stat.prefix(120))"
        }
    }

    /// Waits (bounded, 30 s) until no process of `group` is left; returns those left.
    public static func waitUntilGone(group: pid_t) async -> [String] {
        for _ in 0..<300 {
            if processes(inGroup: group).isEmpty { return [] }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return processes(inGroup: group)
    }

    /// Processes whose command line contains `text` (to prove none is left behind).
    public static func processes(matching text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid -> String? in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let command = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return command.contains(text) ? "\(pid): \(command)" : nil
        }
    }
}
