import Foundation
import Host
import HummingbirdTesting
import SourceAPI
import TestSupport
import Testing

/// A remote source standing in for YouTube (which needs the internet): it finds two songs
/// for any query, each named after it, and streams real audio bytes for them, so a hit
/// plays through the shared cache like any remote song.
struct StandInRemote: SourceProvider {
    let id: ProviderID
    let capabilities: ProviderCapabilities = [.search, .remote]
    let audio: [UInt8]
    var delay: Duration = .zero
    var displayName: String { "Stand-in Tube" }

    static func ref(_ id: String) -> RemoteRef { RemoteRef(provider: "tube", id: id) }

    func search(_ query: SearchQuery) async throws -> [TrackCandidate] {
        if delay > .zero { try await Task.sleep(for: delay) }
        let word = query.text.lowercased().filter { $0.isLetter }
        let hits = (1...2).map { number in
            TrackCandidate(
                ref: RemoteRef(provider: id, id: "\(word)-\(number)"),
                metadata: TrackMetadata(title: "Remote \(query.text) \(number)", artist: "Tube Artist", duration: 1))
        }
        return Array(hits.dropFirst(query.offset).prefix(query.limit))
    }

    func resolve(_ ref: RemoteRef) async throws -> TrackMetadata { TrackMetadata(title: ref.id, duration: 1) }

    func fetch(_ ref: RemoteRef) async throws -> AudioSource {
        let audio = self.audio
        return .stream(contentType: "audio/mpeg", expectedLength: audio.count, bytes: AsyncThrowingStream { continuation in
            continuation.yield(audio)
            continuation.finish()
        })
    }
}

/// A live server with a small library, two accounts (Ada, the admin, and Bob) and, when
/// asked, the stand-in remote source.
struct SubsonicWorld: Sendable {
    let test: TestHost
    let session: TestSession
    let ada: SubsonicTestClient
    let bob: SubsonicTestClient
    /// Ada's `/api` client, to check that `/rest` and `/api` see the same data.
    let adaAPI: SignedInClient

    static let adaEmail = "ada@example.org"
    static let bobEmail = "bob@example.org"

    /// The library made by `makeLibrary` by default: two albums of two artists.
    static let defaultLibrary: [(path: String, tags: AudioFixtures.Tags)] = [
        ("Daft Punk/Discovery/01 One More Time.mp3",
         ["title": "One More Time", "artist": "Daft Punk", "album": "Discovery", "track": "1", "genre": "House", "date": "2001"]),
        ("Daft Punk/Discovery/02 Aerodynamic.mp3",
         ["title": "Aerodynamic", "artist": "Daft Punk", "album": "Discovery", "track": "2", "genre": "House", "date": "2001"]),
        ("Air/Moon Safari/01 La Femme d'Argent.mp3",
         ["title": "La Femme d'Argent", "artist": "Air", "album": "Moon Safari", "track": "1", "genre": "Electronic"]),
        ("Air/Moon Safari/02 Sexy Boy.mp3",
         ["title": "Sexy Boy", "artist": "Air", "album": "Moon Safari", "track": "2", "genre": "Electronic"]),
    ]

    /// Runs `body` against a fresh world. `remote` adds the stand-in source (`tube`) with a
    /// search deadline of `remoteTimeoutMilliseconds` and an answer after `remoteDelay`.
    static func run(
        label: String, library: [(path: String, tags: AudioFixtures.Tags)] = defaultLibrary, remote: Bool = false,
        remoteDelay: Duration = .zero, remoteTimeoutMilliseconds: Int = 4000,
        _ body: @Sendable (SubsonicWorld) async throws -> Void
    ) async throws {
        let folder = try TemporaryFolder(label)
        let audio = [UInt8](try Data(contentsOf: await AudioFixtures.tone(at: folder.appending("remote.mp3"), seconds: 1)))
        var registry = TestHost.registry()
        registry.register("StandIn") { id, _, _ in StandInRemote(id: id, audio: audio, delay: remoteDelay) }
        let remoteEntry = remote
            ? #", {"id": "tube", "type": "StandIn", "search_timeout_ms": \#(remoteTimeoutMilliseconds)}"# : ""
        let plugins = """
            {"providers": [{"id": "local", "type": "LocalFiles", "options": {"watch": false, "rescan_interval_minutes": 0}}\(remoteEntry)]}
            """
        let test = try TestHost(plugins: plugins, registry: registry, label: label)
        for item in library {
            try await test.addTrack(item.path, tags: item.tags)
        }
        await test.scan()
        try await TestServer(host: test.host).run { session in
            let adaAPI = try await session.signUp(adaEmail)
            _ = try await session.signUp(bobEmail)
            let world = SubsonicWorld(
                test: test, session: session,
                ada: SubsonicTestClient(client: session.anonymous, credentials: [("u", adaEmail), ("p", TestSession.password)]),
                bob: SubsonicTestClient(client: session.anonymous, credentials: [("u", bobEmail), ("p", TestSession.password)]),
                adaAPI: adaAPI)
            try await body(world)
        }
    }

    /// The catalog id of the library track at `path`.
    func trackID(_ path: String) async throws -> String {
        guard let track = try await test.track(at: path) else { throw FixtureError(message: "no track at \(path)") }
        return track.id
    }
}

/// Checks of the shapes apps depend on (SUBSONIC.md).
enum Shape {
    /// Every value under `value`, with its path, so a test can say where a null or a
    /// numeric id is.
    static func walk(_ value: Any, path: String = "", _ visit: (String, String, Any) -> Void) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                visit(path, key, child)
                walk(child, path: path + "." + key, visit)
            }
        } else if let array = value as? [Any] {
            for (index, child) in array.enumerated() { walk(child, path: path + "[\(index)]", visit) }
        }
    }

    /// No JSON null anywhere, every `id`-like field a string, and each list named by its
    /// path (`searchResult3.song`) an array, never `{}`.
    static func checkJSON(_ response: [String: Any], lists: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        var seen = Set<String>()
        walk(response) { path, key, value in
            #expect(!(value is NSNull), "null at \(path).\(key)", sourceLocation: sourceLocation)
            if ["id", "parent", "albumId", "artistId", "coverArt"].contains(key) {
                #expect(value is String, "\(path).\(key) is not a string: \(value)", sourceLocation: sourceLocation)
            }
            let full = String((path + "." + key).dropFirst())
            if lists.contains(full) {
                seen.insert(full)
                #expect(value is [Any], "\(full) is not an array: \(value)", sourceLocation: sourceLocation)
            }
        }
        for list in lists where !seen.contains(list) {
            Issue.record("no \(list) in the answer (an empty list is written [])", sourceLocation: sourceLocation)
        }
    }

    /// The XML answer of `method`, parsed, with status ok.
    static func xml(_ client: SubsonicTestClient, _ method: String, _ parameters: [(String, String)] = [],
                    sourceLocation: SourceLocation = #_sourceLocation) async throws -> XMLDocument {
        let answer = try await client.raw(method, parameters, format: nil)
        #expect(answer.status == .ok, sourceLocation: sourceLocation)
        let document = try XMLDocument(Data(answer.body.readableBytesView))
        #expect(document.elements.first?.attributes["status"] == "ok", "\(method): \(String(buffer: answer.body))",
                sourceLocation: sourceLocation)
        return document
    }

    /// Elements of `document` named `name`.
    static func elements(_ document: XMLDocument, _ name: String) -> [[String: String]] {
        document.elements.filter { $0.name == name }.map(\.attributes)
    }
}

extension [String: Any] {
    /// The object at `key`.
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    /// The array of objects at `key` ([] when absent).
    func list(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}
