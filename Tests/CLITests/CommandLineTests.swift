import Foundation
import TestSupport
import Testing

/// Runs the real `myspotify` executable, built next to the test bundle.
struct CLI {
    static var executable: URL {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleFolder, bundleFolder.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("myspotify") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0].appendingPathComponent("myspotify")
    }

    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ arguments: [String], in folder: URL, input: String? = nil) async throws -> Result {
        try await BlockingWork.run { try blockingRun(arguments, in: folder, input: input) }
    }

    private static func blockingRun(_ arguments: [String], in folder: URL, input: String?) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["MYSPOTIFY_LOG_LEVEL"] = "warning"
        environment["MYSPOTIFY_BCRYPT_COST"] = "4"
        environment.removeValue(forKey: "MYSPOTIFY_DATA")
        environment.removeValue(forKey: "MYSPOTIFY_PLUGINS")
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self))
    }
}

@Suite("The myspotify command")
struct CommandLineTests {
    /// A working folder with ./data/library holding two tracks and a broken file.
    static func workspace() async throws -> TemporaryFolder {
        let folder = try TemporaryFolder("cli")
        let library = folder.appending("data/library")
        try await AudioFixtures.tone(at: library.appendingPathComponent("Nirvana/Nevermind/01 - Smells Like Teen Spirit.mp3"))
        try await AudioFixtures.tone(at: library.appendingPathComponent("Nirvana/Nevermind/02 - In Bloom.flac"), frequency: 550)
        try AudioFixtures.corrupt(at: library.appendingPathComponent("broken.mp3"))
        return folder
    }

    @Test("scan prints a summary line; a second scan skips unchanged files; search shows a table")
    func scanAndSearch() async throws {
        let folder = try await Self.workspace()
        let first = try await CLI.run(["scan"], in: folder.url)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("seen 3, added 2, updated 0, moved 0, removed 0, failed 1, unchanged 0"), "\(first.output)")
        #expect(first.output.contains("broken.mp3"))

        let second = try await CLI.run(["scan", "--data", "data"], in: folder.url)
        #expect(second.output.contains("added 0, updated 0, moved 0, removed 0, failed 1, unchanged 2"), "\(second.output)")

        let search = try await CLI.run(["search", "teen spirit"], in: folder.url)
        #expect(search.status == 0)
        #expect(search.output.contains("Smells Like Teen Spirit"))
        #expect(search.output.contains("Nirvana"))
        #expect(search.output.contains("local: ok, 1 results"))

        let providers = try await CLI.run(["providers"], in: folder.url)
        #expect(providers.output.contains("local  LocalFiles  yes      yes"), "\(providers.output)")
    }

    @Test("cache ls and stats answer on an empty cache; cache rm of a library track says why not")
    func cacheCommands() async throws {
        let folder = try await Self.workspace()
        _ = try await CLI.run(["scan"], in: folder.url)
        let list = try await CLI.run(["cache", "ls"], in: folder.url)
        #expect(list.status == 0)
        #expect(list.output.hasPrefix("ID"))
        let stats = try await CLI.run(["cache", "stats"], in: folder.url)
        #expect(stats.output.contains("cache folder:"), "\(stats.output)")
        let search = try await CLI.run(["search", "bloom"], in: folder.url)
        let id = try #require(search.output.split(separator: "\n").dropFirst().first?.split(separator: " ").last.map(String.init))
        let remove = try await CLI.run(["cache", "rm", id], in: folder.url)
        #expect(remove.status != 0)
        #expect((remove.output + remove.errors).contains("library file"), "\(remove.errors)")
    }

    @Test("a broken plugins.json stops the command with the file, entry and key")
    func brokenPlugins() async throws {
        let folder = try await Self.workspace()
        try Data(#"{"providers": [{"id": "local", "type": "LocalFiles", "options": {"debounce_ms": -5}}]}"#.utf8)
            .write(to: folder.appending("plugins.json"))
        let result = try await CLI.run(["providers"], in: folder.url)
        #expect(result.status != 0)
        let message = result.output + result.errors
        #expect(message.contains("plugins.json: providers[0] (id \"local\"): \"options.debounce_ms\""), "\(message)")
    }

    @Test("a data folder that cannot be created is a clear error")
    func unusableDataFolder() async throws {
        let folder = try await Self.workspace()
        try Data("x".utf8).write(to: folder.appending("not-a-folder"))
        let result = try await CLI.run(["scan", "--data", "not-a-folder"], in: folder.url)
        #expect(result.status != 0)
        #expect((result.output + result.errors).contains("not-a-folder exists but is not a folder"))
    }

    @Test("serve answers on the given port and stops cleanly on SIGTERM, also with nothing to watch", arguments: [true, false])
    func serve(watching: Bool) async throws {
        let folder = try await Self.workspace()
        if !watching {
            try Data(#"{"providers": [{"id": "local", "type": "LocalFiles", "options": {"watch": false, "rescan_interval_minutes": 0}}]}"#.utf8)
                .write(to: folder.appending("plugins.json"))
        }
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", String(port)]
        process.environment = ProcessInfo.processInfo.environment.merging(["MYSPOTIFY_BCRYPT_COST": "4"]) { $1 }
        process.currentDirectoryURL = folder.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.interrupt() } }

        var answered = false
        for _ in 0..<50 where !answered {
            try await Task.sleep(for: .milliseconds(200))
            answered = (try? await HTTPGet.status("http://127.0.0.1:\(port)/healthz")) == 200
        }
        #expect(answered)
        try await Task.sleep(for: .seconds(1))
        #expect(process.isRunning, "the server stopped by itself")
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(FileManager.default.fileExists(atPath: folder.appending("data/db/myspotify.sqlite").path))
    }
}

@Suite("Accounts from the command line")
struct UserCommandTests {
    @Test("user add reads the password from standard input, makes an admin with --admin, refuses a weak password; user ls lists")
    func addAndList() async throws {
        let folder = try TemporaryFolder("cli-users")
        let admin = try await CLI.run(["user", "add", "--admin", "Owner@Example.org"], in: folder.url, input: "a long enough password\n")
        #expect(admin.status == 0, "\(admin.errors)")
        #expect(admin.output.contains("created owner@example.org (admin)"))
        let plain = try await CLI.run(["user", "add", "kid@example.org"], in: folder.url, input: "another fine password\n")
        #expect(plain.output.contains("created kid@example.org (user)"))
        let weak = try await CLI.run(["user", "add", "weak@example.org"], in: folder.url, input: "short\n")
        #expect(weak.status != 0)
        #expect(weak.errors.contains("at least 8 characters"))
        let empty = try await CLI.run(["user", "add", "none@example.org"], in: folder.url, input: "")
        #expect(empty.status != 0)
        #expect(empty.errors.contains("standard input"))
        let list = try await CLI.run(["user", "ls"], in: folder.url)
        #expect(list.output.contains("owner@example.org") && list.output.contains("admin"))
        #expect(list.output.contains("kid@example.org"))
        #expect(!list.output.contains("weak@example.org"))
        #expect(!list.output.contains("password"))
    }
}

/// A plain HTTP GET over a socket-less tool: curl, which every set-up installs.
enum HTTPGet {
    static func status(_ url: String) async throws -> Int {
        try await BlockingWork.run { try blockingStatus(url) }
    }

    private static func blockingStatus(_ url: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", url]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self)) ?? 0
    }
}

@Suite("Killed processes")
struct KilledProcessTests {
    @Test("a scan killed with SIGKILL leaves a consistent catalog, and the next scan finishes the job")
    func scanKilled() async throws {
        let folder = try TemporaryFolder("killed-scan")
        let library = folder.appending("data/library")
        let template = try await AudioFixtures.tone(at: library.appendingPathComponent("template.mp3"))
        for index in 0..<400 {
            let target = library.appendingPathComponent("Band \(index % 20)/Album \(index % 40)/\(index) - Song \(index).mp3")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: template, to: target)
        }
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["scan", "--full"]
        process.currentDirectoryURL = folder.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await Task.sleep(for: .milliseconds(150))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let again = try await CLI.run(["scan"], in: folder.url)
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output.contains("seen 401"), "\(again.output)")
        #expect(again.output.contains("failed 0"), "\(again.output)")
        let check = try await CLI.run(["search", "song", "--limit", "500"], in: folder.url)
        #expect(check.output.contains("local: ok, 400 results"), "\(check.output.suffix(200))")
        let answer = try await AudioFixtures.output("sqlite3", [folder.appending("data/db/myspotify.sqlite").path, "PRAGMA integrity_check;"])
        #expect(answer.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }
}

extension KilledProcessTests {
    /// Starts `myspotify serve` in `folder` on a free port and waits until it answers.
    static func startServer(in folder: URL) async throws -> (Process, Int) {
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", String(port)]
        process.environment = ProcessInfo.processInfo.environment.merging(["MYSPOTIFY_BCRYPT_COST": "4"]) { $1 }
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if (try? await HTTPGet.status("http://127.0.0.1:\(port)/healthz")) == 200 { return (process, port) }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FixtureError(message: "the server did not start")
    }

    @Test("a server killed mid-download leaves no file marked cached; after a restart the track downloads whole")
    func serverKilledMidDownload() async throws {
        let media = try TemporaryFolder("killed-media")
        try await AudioFixtures.tone(at: media.appending("aaaaaaaaaa1.m4a"), seconds: 6)
        let server = MediaServer(folder: media.url)
        try await server.start()
        server.setBehaviour(.throttled(bytes: 4096, delay: .milliseconds(100)), for: "aaaaaaaaaa1.m4a")
        let folder = try TemporaryFolder("killed-download")
        let python = try RemoteFixtures.fakeYTMusic(in: folder.url)
        try Data("""
            {"providers": [{"id": "youtube", "type": "YouTube", "search_timeout_ms": 20000, "options": {
              "python": "\(python)", "helper_script": "\(RemoteFixtures.ytmusicHelper)", "yt_dlp": "\(RemoteFixtures.ytDlp)",
              "watch_url": "\(server.template(ext: "m4a"))"}}]}
            """.utf8).write(to: folder.appending("plugins.json"))

        var (process, port) = try await Self.startServer(in: folder.url)
        let token = try await HTTPGet.signUp(port: port)
        let search = try await HTTPGet.body("http://127.0.0.1:\(port)/api/search?q=lucky", token: token)
        let id = try #require(search.firstMatch(of: /"id":"([0-9a-f-]{36})"/).map { String($0.1) })
        _ = try? await HTTPGet.body("http://127.0.0.1:\(port)/stream/\(id)", token: token, maxTime: 0.8)
        let parts = { (FileManager.default.enumerator(atPath: folder.appending("data/cache").path)?.allObjects as? [String] ?? []) }
        #expect(parts().contains { $0.hasSuffix(".part") }, "the download was under way")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        (process, port) = try await Self.startServer(in: folder.url)
        defer { process.terminate() }
        #expect(!parts().contains { $0.hasSuffix(".part") }, "left-over part files are removed at start-up")
        // The session outlives the restart: the signing secret is kept in db/.
        #expect(try await HTTPGet.body("http://127.0.0.1:\(port)/api/tracks/\(id)", token: token).contains("\"is_cached\":false"))
        server.setBehaviour(.normal, for: "aaaaaaaaaa1.m4a")
        let replay = folder.appending("replay.m4a")
        try await AudioFixtures.run(
            "curl", ["-sf", "-H", "Authorization: Bearer \(token)", "-o", replay.path, "http://127.0.0.1:\(port)/stream/\(id)"])
        #expect(try Data(contentsOf: replay) == Data(contentsOf: media.appending("aaaaaaaaaa1.m4a")))
    }
}

extension HTTPGet {
    /// The body of a GET, via curl; `maxTime` gives up early (a client that leaves).
    static func body(_ url: String, token: String, maxTime: Double = 20) async throws -> String {
        try await curl(["-s", "-H", "Authorization: Bearer \(token)", "--max-time", String(maxTime), url])
    }

    /// Signs up the server's first user and returns its access token.
    static func signUp(port: Int) async throws -> String {
        let answer = try await curl([
            "-s", "-H", "Content-Type: application/json", "-d", #"{"email": "owner@example.org", "password": "a long enough password"}"#,
            "http://127.0.0.1:\(port)/auth/register",
        ])
        guard let token = answer.firstMatch(of: /"access_token":"([^"]+)"/).map({ String($0.1) }) else {
            throw FixtureError(message: "sign-up failed: \(answer)")
        }
        return token
    }

    private static func curl(_ arguments: [String]) async throws -> String {
        try await BlockingWork.run { try blockingCurl(arguments) }
    }

    private static func blockingCurl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
