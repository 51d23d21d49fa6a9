import Foundation
import HTTPTypes
import Host
import HummingbirdTesting
import SourceAPI
import Synchronization
import TestSupport
import Testing

/// What a remote source stuck on the network looks like, held by the test: its search
/// starts, then waits until the test opens the gate (or until it is cancelled), and says so.
final class SearchGate: Sendable {
    private let (startedStream, startedSignal) = AsyncStream.makeStream(of: Void.self)
    private let (cancelledStream, cancelledSignal) = AsyncStream.makeStream(of: Void.self)
    private let (openStream, openSignal) = AsyncStream.makeStream(of: Void.self)
    private let opened = Mutex(false)

    /// Lets the waiting search answer.
    func open() {
        opened.withLock { $0 = true }
        openSignal.finish()
    }

    var isOpen: Bool { opened.withLock { $0 } }

    /// Until the source's search has begun.
    func started() async {
        var iterator = startedStream.makeAsyncIterator()
        _ = await iterator.next()
    }

    /// Whether the search was cancelled before `limit` passed (a bound for a failing test,
    /// far beyond what the cancellation takes).
    func cancelled(within limit: Duration) async -> Bool {
        let stream = cancelledStream
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                var iterator = stream.makeAsyncIterator()
                return await iterator.next() != nil
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    fileprivate func wait() async {
        startedSignal.yield()
        await withTaskCancellationHandler {
            for await _ in openStream {}
        } onCancel: {
            cancelledSignal.yield()
        }
    }
}

/// A remote source whose search answers one hit named after the query once its gate opens.
struct GatedProvider: SourceProvider {
    let id: ProviderID
    let gate: SearchGate
    let capabilities: ProviderCapabilities = [.search, .remote]
    var displayName: String { "Tube" }

    func search(_ query: SearchQuery) async throws -> [TrackCandidate] {
        await gate.wait()
        try Task.checkCancellation()
        return [TrackCandidate(
            ref: RemoteRef(provider: id, id: "remote-1"),
            metadata: TrackMetadata(title: "\(query.text) (remote)", artist: "Somebody", duration: 200))]
    }

    func resolve(_ ref: RemoteRef) async throws -> TrackMetadata { throw ProviderError.notFound(ref) }
    func fetch(_ ref: RemoteRef) async throws -> AudioSource { throw ProviderError.notFound(ref) }
}

/// A remote source whose tool fails, printing what tools print (paths, a traceback).
struct BrokenToolProvider: SourceProvider {
    let id: ProviderID
    let capabilities: ProviderCapabilities = [.search, .remote]
    var displayName: String { "Broken" }

    func search(_ query: SearchQuery) async throws -> [TrackCandidate] {
        throw ProviderError.unavailable(
            "Traceback (most recent call last):\n  File \"/home/family/.venv/lib/python3.11/site-packages/yt_dlp/YoutubeDL.py\"\nERROR: something odd")
    }

    func resolve(_ ref: RemoteRef) async throws -> TrackMetadata { throw ProviderError.notFound(ref) }
    func fetch(_ ref: RemoteRef) async throws -> AudioSource { throw ProviderError.notFound(ref) }
}

/// `GET /api/search` with `Accept: application/x-ndjson`: each source's part as it answers.
///
/// Every test asserts causes and order, never times: the gated source cannot answer before
/// the test opens its gate, so a library part read while the gate is shut was not held back
/// by it; its deadline is 60 s, so a cancellation seen sooner came from the client leaving.
@Suite("Streamed search")
struct SearchStreamTests {
    static let library = #"{"id": "local", "type": "LocalFiles", "options": {"watch": false, "rescan_interval_minutes": 0}}"#

    /// A host with the given remote entries, then the library (`songs`: one by default), in
    /// that order of `plugins.json`.
    static func host(
        label: String, remote: [String], gate: SearchGate? = nil,
        songs: [(path: String, tags: AudioFixtures.Tags)] = [("sun.mp3", ["title": "Here Comes The Sun"])]
    ) async throws -> TestHost {
        var registry = TestHost.registry()
        if let gate { registry.register("Gated") { id, _, _ in GatedProvider(id: id, gate: gate) } }
        registry.register("BrokenTool") { id, _, _ in BrokenToolProvider(id: id) }
        let test = try TestHost(
            plugins: #"{"providers": [\#((remote + [library]).joined(separator: ", "))]}"#, registry: registry, label: label)
        for song in songs { try await test.addTrack(song.path, tags: song.tags) }
        await test.scan()
        return test
    }

    /// `q` searched as a stream, over a raw connection, by a new account of a host whose first
    /// source is gated (a 60 s deadline: only the test or a hang-up ends its search), then the
    /// one-song library.
    static func streamBehindGate(
        label: String, query: String, _ body: @Sendable (NDJSONReader, SearchGate) async throws -> Void
    ) async throws {
        let gate = SearchGate()
        let test = try await host(label: label, remote: [#"{"id": "tube", "type": "Gated", "search_timeout_ms": 60000}"#], gate: gate)
        try await TestServer(host: test.host).run { session in
            let client = try await session.signUp("owner@example.org")
            let stream = try NDJSONReader(port: try #require(client.port), path: "/api/search?q=\(query)", token: client.token)
            try await body(stream, gate)
        }
    }

    @Test("the library's part arrives while a slow source is still searching, then the slow one's, then the completion")
    func libraryPartComesFirst() async throws {
        // The slow source is first in plugins.json: the library does not wait behind it.
        try await Self.streamBehindGate(label: "stream-order", query: "sun") { stream, gate in
            let head = try await stream.lines(3)
            #expect(stream.head.contains("200 OK"))
            #expect(stream.head.lowercased().contains("content-type: application/x-ndjson"))
            #expect(head[0]["type"] as? String == "start")
            let asked = try #require(head[0]["sources"] as? [[String: Any]])
            #expect(asked.compactMap { $0["id"] as? String } == ["tube", "local"])
            #expect(asked.compactMap { $0["library"] as? Bool } == [false, true])
            #expect(head[1]["type"] as? String == "collections")
            #expect(head[2]["type"] as? String == "part")
            let local = try #require(head[2]["source"] as? [String: Any])
            #expect(local["id"] as? String == "local")
            #expect(local["status"] as? String == "ok")
            #expect((head[2]["results"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["Here Comes The Sun"])
            // The cause: the slow source is searching and cannot have answered.
            await gate.started()
            #expect(!gate.isOpen)

            gate.open()
            let rest = try await stream.lines(5)
            #expect(rest.map { $0["type"] as? String } == ["start", "collections", "part", "part", "complete"])
            let remote = try #require(rest[3]["source"] as? [String: Any])
            #expect(remote["id"] as? String == "tube")
            #expect(remote["status"] as? String == "ok")
            #expect((rest[3]["results"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["sun (remote)"])
            let reports = try #require(rest[4]["sources"] as? [[String: Any]])
            #expect(reports.compactMap { $0["id"] as? String } == ["tube", "local"])
            #expect(reports.compactMap { $0["status"] as? String } == ["ok", "ok"])
            #expect(await stream.ended())
        }
    }

    @Test("a failing source is one part with a plain sentence, and the search still completes")
    func failingSourceIsOnePart() async throws {
        let test = try await Self.host(label: "stream-failing", remote: [#"{"id": "broken", "type": "BrokenTool"}"#])
        try await TestServer(host: test.host).run { session in
            let client = try await session.signUp("owner@example.org")
            let answer = try await client.send(.get, "/api/search?q=sun", headers: [.accept: "application/x-ndjson"])
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == "application/x-ndjson; charset=utf-8")
            let lines = try String(buffer: answer.body).split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
            #expect(lines.count == 5)
            #expect(lines.first?["type"] as? String == "start")
            #expect(lines.last?["type"] as? String == "complete")
            let parts = lines.filter { $0["type"] as? String == "part" }
            let broken = try #require(parts.first { ($0["source"] as? [String: Any])?["id"] as? String == "broken" })
            let report = try #require(broken["source"] as? [String: Any])
            #expect(report["status"] as? String == "error")
            #expect(report["message"] as? String == "Broken could not be searched right now; try again later")
            #expect((broken["results"] as? [Any])?.isEmpty == true)
            for leak in ["Traceback", "/home/family", "yt_dlp"] {
                #expect(!String(buffer: answer.body).contains(leak), "the answer shows \(leak)")
            }
            let library = try #require(parts.first { ($0["source"] as? [String: Any])?["id"] as? String == "local" })
            #expect((library["results"] as? [[String: Any]])?.count == 1)
            let statuses = (lines.last?["sources"] as? [[String: Any]])?.compactMap { $0["status"] as? String }
            #expect(statuses == ["error", "ok"])
        }
    }

    @Test("a client that hangs up cancels the searches still running")
    func disconnectCancelsSlowSource() async throws {
        try await Self.streamBehindGate(label: "stream-disconnect", query: "sun") { stream, gate in
            let head = try await stream.lines(3)
            #expect((head[2]["source"] as? [String: Any])?["id"] as? String == "local")
            await gate.started()
            stream.hangUp()
            // Its own deadline is 60 s away and the gate stays shut: only the hang-up can end it.
            #expect(await gate.cancelled(within: .seconds(30)))
            #expect(!gate.isOpen)
        }
    }

    @Test("the checks of a search answer a JSON error before any line, and other clients still get the JSON answer")
    func errorsAndPlainJSON() async throws {
        let test = try await Self.host(label: "stream-errors", remote: [])
        try await TestServer(host: test.host).run { session in
            let client = try await session.signUp("owner@example.org")
            let ndjson: HTTPFields = [.accept: "application/x-ndjson"]
            for (uri, fragment) in [("/api/search?q=x&sources=nope", "nope"), ("/api/search?q=x&limit=0", "limit"),
                                    ("/api/search?q=\(String(repeating: "x", count: 300))", "longer")] {
                let answer = try await client.send(.get, uri, headers: ndjson)
                #expect(answer.status == .badRequest, "\(uri)")
                #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(answer.errorMessage.contains(fragment), "\(uri): \(answer.errorMessage)")
            }
            for accept in ["application/json", "application/x-ndjson;q=0", "*/*", ""] {
                let headers: HTTPFields = accept.isEmpty ? [:] : [.accept: accept]
                let answer = try await client.send(.get, "/api/search?q=sun", headers: headers)
                #expect(answer.status == .ok)
                #expect(answer.headers[.contentType] == "application/json; charset=utf-8", "Accept: \(accept)")
                #expect((try answer.json()["results"] as? [Any])?.count == 1)
            }
            let weighted = try await client.send(
                .get, "/api/search?q=sun", headers: [.accept: "application/json;q=0.5, Application/X-NDJSON"])
            #expect(weighted.headers[.contentType] == "application/x-ndjson; charset=utf-8")
            #expect(String(buffer: weighted.body).split(separator: "\n").count == 4)
        }
    }
}

/// One streamed search over a raw connection, read line by line as the server writes them.
final class NDJSONReader {
    private let connection: RawHTTPConnection
    private var bytes: [UInt8] = []

    /// The answer's status line and headers, once a line has been read.
    private(set) var head = ""

    init(port: Int, path: String, token: String) throws {
        connection = try RawHTTPConnection(port: port)
        try connection.get(path, headers: ["Authorization: Bearer \(token)", "Accept: application/x-ndjson"])
    }

    /// Reads until at least `count` lines have come (from the start of the answer); throws
    /// when the connection ends first or nothing comes for 30 s.
    func lines(_ count: Int) async throws -> [[String: Any]] {
        while true {
            let (head, lines) = try Self.parse(bytes)
            self.head = head
            if lines.count >= count { return lines }
            let more = await connection.read(atLeast: bytes.count + 1, timeout: .seconds(30))
            guard more.count > bytes.count else {
                throw FixtureError(message: "the answer ended after \(lines.count) lines: \(String(decoding: more, as: UTF8.self))")
            }
            bytes = more
        }
    }

    /// Whether the body's last (empty) chunk came, read to the end of the connection.
    func ended() async -> Bool {
        let all = await connection.readToEnd(timeout: .seconds(30))
        return RawHTTPConnection.dechunk(RawHTTPConnection.split(all).body).complete
    }

    func hangUp() { connection.abort() }

    private static func parse(_ bytes: [UInt8]) throws -> (head: String, lines: [[String: Any]]) {
        let (head, body) = RawHTTPConnection.split(bytes)
        let text = String(decoding: RawHTTPConnection.dechunk(body).payload, as: UTF8.self)
        // Only whole lines: the last one may still be on its way.
        let whole = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let lines = try whole.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw FixtureError(message: "not a JSON object: \(line)")
            }
            return object
        }
        return (head, lines)
    }
}
