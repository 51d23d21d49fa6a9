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

    init(test: TestHost) {
        self.test = test
    }

    /// Runs `body` against the live server, signed in as its first user (an admin).
    func run(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await TestServer(host: test.host).run { session in
            try await body(try await session.account("owner@example.org"))
        }
    }

    /// Runs `body` against the live server with an anonymous session, to sign up users.
    func session(settings: ServerSettings = ServerSettings(), accountSettings: AccountSettings = TestServer.accountSettings(),
                 _ body: @Sendable (TestSession) async throws -> Void) async throws {
        try await TestServer(host: test.host, accountSettings: accountSettings, settings: settings).run(body)
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

    /// The `message` of a JSON error answer.
    var errorMessage: String {
        ((try? json())?["error"] as? [String: Any])?["message"] as? String ?? ""
    }

    /// The `code` of a JSON error answer.
    var errorCode: String? {
        ((try? json())?["error"] as? [String: Any])?["code"] as? String
    }
}
