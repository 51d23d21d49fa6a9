import Foundation
import Host
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Server
import TestSupport

/// A real server (real socket on loopback) over a real host with a small library.
struct ServerFixture {
    let test: TestHost

    init(label: String = "server") throws {
        test = try TestHost(label: label)
    }

    /// Runs `body` against the live server.
    func run(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var logger = Logger(label: "server-test")
        logger.logLevel = .critical
        let app = MySpotifyServer.application(host: test.host, hostname: "127.0.0.1", port: 0, logger: logger)
        try await app.test(.live) { client in try await body(client) }
    }

    func trackID(at path: String) async throws -> String {
        guard let track = try await test.track(at: path) else { throw FixtureError(message: "no track at \(path)") }
        return track.id
    }
}

extension TestResponse {
    var bytes: [UInt8] { Array(body.readableBytesView) }
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw FixtureError(message: "not a JSON object: \(text)")
        }
        return object
    }

    /// The `code` of a JSON error answer.
    var errorCode: String? {
        ((try? json())?["error"] as? [String: Any])?["code"] as? String
    }
}
