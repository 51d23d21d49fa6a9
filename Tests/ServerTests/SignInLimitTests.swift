import AsyncHTTPClient
import Foundation
import HTTPTypes
@testable import Host
import HummingbirdTesting
import NIOCore
import Server
import Synchronization
import TestSupport
import Testing

/// The limits on signing up and in, through the real server behind a trusted proxy, so each
/// request can come from the address its `X-Real-IP` names.
@Suite("Sign-in and sign-up limits")
struct SignInLimitTests {
    static func server(_ fixture: ServerFixture, _ accountSettings: AccountSettings = TestServer.accountSettings()) async throws -> TestServer {
        var settings = ServerSettings()
        settings.trustProxy = true
        return try await TestServer(host: fixture.test.host, accountSettings: accountSettings, settings: settings)
    }

    static func from(_ address: String) -> HTTPFields { [HTTPField.Name("X-Real-IP")!: address] }

    static func signIn(_ session: TestSession, _ email: String, _ password: String = TestSession.password, from address: String) async throws -> TestResponse {
        try await session.anonymous.postForm(
            "/auth/token", [("grant_type", "password"), ("username", email), ("password", password)], headers: from(address))
    }

    static func register(_ session: TestSession, _ email: String, from address: String) async throws -> TestResponse {
        try await session.anonymous.send(
            .post, "/auth/register", json: #"{"email": "\#(email)", "password": "\#(TestSession.password)"}"#, headers: from(address))
    }

    @Test("sign-ups are limited per address (an IPv6 /64 is one address): the sixth in an hour is a 429 with Retry-After")
    func signUpsPerAddress() async throws {
        let fixture = try ServerFixture(label: "signup-limit")
        try await Self.server(fixture).run { session in
            for index in 0..<5 {
                #expect(try await Self.register(session, "a\(index)@example.org", from: "198.51.100.1").status == .created)
            }
            let refused = try await Self.register(session, "a5@example.org", from: "198.51.100.1")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errorCode == "too_many_requests")
            #expect(refused.errorMessage.contains("too many sign-ups"))
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
            #expect((3000...3600).contains(retryAfter))
            #expect(try await Self.register(session, "a5@example.org", from: "198.51.100.2").status == .created, "another address is not held")

            // A taken email counts as a try: probing for accounts is limited like making them.
            for index in 0..<4 { #expect(try await Self.register(session, "b\(index)@example.org", from: "198.51.100.3").status == .created) }
            #expect(try await Self.register(session, "a0@example.org", from: "198.51.100.3").status == .conflict)
            #expect(try await Self.register(session, "b4@example.org", from: "198.51.100.3").status == .tooManyRequests)
            // A refused password is free: the person fixes it and tries again.
            for _ in 0..<3 {
                let weak = try await session.anonymous.send(
                    .post, "/auth/register", json: #"{"email": "c@example.org", "password": "short"}"#, headers: Self.from("198.51.100.4"))
                #expect(weak.status == .badRequest)
            }

            for index in 1...5 {
                #expect(try await Self.register(session, "v6-\(index)@example.org", from: "2001:db8:1:2::\(index)").status == .created)
            }
            #expect(try await Self.register(session, "v6-6@example.org", from: "2001:db8:1:2:ffff::6").status == .tooManyRequests)
            #expect(try await Self.register(session, "v6-6@example.org", from: "2001:db8:1:3::1").status == .created, "another /64")

            // An admin creating accounts is not limited.
            let admin = try await session.signIn("a0@example.org")
            for index in 0..<6 {
                let made = try await admin.send(
                    .post, "/api/admin/users", json: #"{"email": "kid\#(index)@example.org", "password": "a long enough password"}"#)
                #expect(made.status == .created)
            }
        }
    }

    @Test("a sign-in made while sign-ups fill the hashing queue does not wait behind them; past the queue's bound a sign-up is a 503")
    func signInDuringSignUpBurst() async throws {
        let fixture = try ServerFixture(label: "signup-burst")
        var accountSettings = TestServer.accountSettings()
        // Slow enough for a queue to form (around 0.1 s a hash in a debug build).
        accountSettings.bcryptCost = 10
        // A longer queue than shipped (8), for a wide margin between the two outcomes below.
        accountSettings.hashingQueueLimit = 12
        let server = try await Self.server(fixture, accountSettings)
        let hashing = server.accounts.hasher.hashing
        let limit = accountSettings.hashingQueueLimit
        try await server.run { session in
            _ = try await session.signUp("owner@example.org")
            // The reference: one sign-in (one bcrypt check at this cost) with nothing queued.
            var reference = Duration.seconds(3600)
            for _ in 0..<2 {
                let started = ContinuousClock.now
                #expect(try await Self.signIn(session, "owner@example.org", from: "192.0.2.1").status == .ok)
                reference = min(reference, ContinuousClock.now - started)
            }

            // The test client sends one request at a time; a flood comes on many connections.
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = limit * 2
            let flood = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            let base = "http://127.0.0.1:\(try #require(session.anonymous.port))"
            let gates = [QueueGate(), QueueGate()]
            do {
                try await Self.boundedQueue(limit: limit, flood: flood, base: base, session: session, hashing: hashing, gate: gates[0])
                try await Self.signInDuringBurst(
                    limit: limit, flood: flood, base: base, session: session, hashing: hashing, gate: gates[1], reference: reference)
            } catch {
                for gate in gates { gate.open() }
                try await flood.shutdown()
                throw error
            }
            try await flood.shutdown()
        }
    }

    /// Holds the hashing thread with `gate` and queues sign-ups behind it until the queue
    /// holds `limit` jobs, so what is queued is known, not raced against their finishing.
    static func fill(
        _ hashing: BcryptQueue, to limit: Int, gate: QueueGate, flood: HTTPClient, base: String, addresses: String
    ) async throws -> (held: Task<Void, any Error>, signUps: [Task<UInt, any Error>]) {
        let held = gate.hold(hashing)
        try await waitUntil { hashing.backlog == 1 }
        // Each from its own address: the per-address limit cannot stop a spread-out flood.
        let signUps = (1..<limit).map { index in
            Task {
                var request = HTTPClientRequest(url: base + "/auth/register")
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "X-Real-IP", value: "\(addresses).\(index)")
                request.body = .bytes(ByteBuffer(
                    string: #"{"email": "flood\#(index)-\#(addresses)@example.org", "password": "\#(TestSession.password)"}"#))
                return try await flood.execute(request, timeout: .seconds(120)).status.code
            }
        }
        try await waitUntil { hashing.backlog == limit }
        return (held, signUps)
    }

    /// With the hashing queue full, one more sign-up is refused at once.
    static func boundedQueue(
        limit: Int, flood: HTTPClient, base: String, session: TestSession, hashing: BcryptQueue, gate: QueueGate
    ) async throws {
        let (held, signUps) = try await fill(hashing, to: limit, gate: gate, flood: flood, base: base, addresses: "203.0.113")
        let (beyond, waited) = try await gate.answer(within: .seconds(10)) {
            try await Self.register(session, "one-too-many@example.org", from: "198.51.100.200")
        }
        #expect(beyond.status == .serviceUnavailable && !waited, "past its bound the hashing queue refuses at once")
        #expect(beyond.headers[.retryAfter].flatMap { Int($0) }.map { $0 >= 1 } == true)
        gate.open()
        try await held.value
        for signUp in signUps { #expect(try await signUp.value == 201) }
    }

    /// With sign-ups queued for hashing (and hashing), a sign-in does not wait for them.
    static func signInDuringBurst(
        limit: Int, flood: HTTPClient, base: String, session: TestSession, hashing: BcryptQueue, gate: QueueGate,
        reference: Duration
    ) async throws {
        let (held, signUps) = try await fill(hashing, to: limit, gate: gate, flood: flood, base: base, addresses: "198.51.100")
        gate.open()
        try await held.value
        let queued = hashing.backlog
        let started = ContinuousClock.now
        let signIn = try await Self.signIn(session, "owner@example.org", from: "192.0.2.1")
        let elapsed = ContinuousClock.now - started
        let stillQueued = hashing.backlog
        #expect(signIn.status == .ok)
        // One queue for everything would put the sign-in behind every queued hash: it would
        // end after them (nothing left queued) and take `queued` times the reference. On
        // its own queue it ends while most of them still wait.
        #expect(stillQueued >= queued / 2, "the sign-in waited for \(queued - stillQueued) of \(queued) sign-ups")
        #expect(elapsed < reference * (limit / 2), "sign-in took \(elapsed) during the burst, \(reference) alone")
        for signUp in signUps { #expect(try await signUp.value == 201) }
    }

    static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw FixtureError(message: "the bcrypt queue never reached the state awaited") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    @Test("five failures from one address lock the account from that address only; fifty from everywhere lock it but where its owner signed in; the admin unlocks")
    func lockoutPerAccountAndAddress() async throws {
        let fixture = try ServerFixture(label: "lockout-pairs")
        try await Self.server(fixture).run { session in
            let admin = try await session.signUp("ada@example.org")
            _ = try await session.signUp("bob@example.org")
            let bobID = try #require(try await admin.send(.get, "/api/admin/users").items().first { $0["email"] as? String == "bob@example.org" }?["id"] as? String)
            func bobsLockout() async throws -> [String: Any]? {
                try await admin.send(.get, "/api/admin/users").items().first { $0["id"] as? String == bobID }?["lockout"] as? [String: Any]
            }
            #expect(try await Self.signIn(session, "bob@example.org", from: "192.0.2.10").status == .ok, "bob at home")
            #expect(try await bobsLockout() == nil)

            for _ in 0..<5 { #expect(try await Self.signIn(session, "bob@example.org", "a wrong guess", from: "198.51.100.7").status == .badRequest) }
            let locked = try await Self.signIn(session, "bob@example.org", from: "198.51.100.7")
            #expect(locked.status == .tooManyRequests, "the guesser's address is locked out, even with the right password")
            #expect(try await Self.signIn(session, "bob@example.org", from: "192.0.2.10").status == .ok, "bob at home is not")
            #expect(try await Self.signIn(session, "bob@example.org", from: "192.0.2.11").status == .ok, "nor bob anywhere else")
            #expect(try await Self.signIn(session, "ada@example.org", from: "198.51.100.7").status == .ok, "nor another account from there")
            let pairLock = try #require(try await bobsLockout(), "the admin sees the lock")
            #expect(pairLock["everywhere"] as? Bool == false)
            #expect(pairLock["addresses"] as? [String] == ["198.51.100.7"])
            #expect((pairLock["until"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }.map { $0 > Date() } == true)

            // Guesses spread over ten addresses (five each, under each address's lock): 50
            // in all lock bob everywhere he has not signed in from, the guesser's new
            // addresses included; at home he still gets in.
            for index in 0..<9 {
                for _ in 0..<5 {
                    #expect(try await Self.signIn(session, "bob@example.org", "a wrong guess", from: "203.0.113.\(index + 1)").status == .badRequest)
                }
            }
            let everywhere = try await Self.signIn(session, "bob@example.org", from: "198.51.100.99")
            #expect(everywhere.status == .tooManyRequests, "the per-account limit holds a new address")
            #expect(try await Self.signIn(session, "bob@example.org", from: "192.0.2.10").status == .ok, "an address bob signed in from is not held")
            #expect(try await bobsLockout()?["everywhere"] as? Bool == true)

            #expect(try await admin.send(.delete, "/api/admin/users/\(bobID)/lockout").status == .noContent)
            #expect(try await bobsLockout() == nil)
            #expect(try await Self.signIn(session, "bob@example.org", from: "198.51.100.99").status == .ok, "unlocked everywhere")
            #expect(try await Self.signIn(session, "bob@example.org", from: "198.51.100.7").status == .ok, "and from the guesser's address")
            #expect(try await admin.send(.delete, "/api/admin/users/nobody/lockout").status == .notFound)
        }
    }

    @Test("a disabled account is answered exactly like a wrong password, right password or not, after the same bcrypt check")
    func disabledLooksLikeWrongPassword() async throws {
        let fixture = try ServerFixture(label: "disabled-answer")
        let server = try await Self.server(fixture)
        let verifying = server.accounts.hasher.verifying
        try await server.run { session in
            let admin = try await session.signUp("ada@example.org")
            let bobsRefresh = try #require(try await session.anonymous.send(
                .post, "/auth/register", json: #"{"email": "bob@example.org", "password": "\#(TestSession.password)"}"#
            ).object()["refresh_token"] as? String)
            _ = try await session.signUp("carol@example.org")
            let bobID = try #require(try await admin.send(.get, "/api/admin/users").items().first { $0["email"] as? String == "bob@example.org" }?["id"] as? String)
            #expect(try await admin.send(.patch, "/api/admin/users/\(bobID)", json: #"{"disabled": true}"#).status == .ok)

            func attempt(_ email: String, _ password: String, from address: String) async throws -> (TestResponse, checks: Int) {
                let before = verifying.completed
                let answer = try await Self.signIn(session, email, password, from: address)
                return (answer, verifying.completed - before)
            }
            let (wrong, wrongChecks) = try await attempt("carol@example.org", "not the password", from: "198.51.100.1")
            let (disabledRight, disabledRightChecks) = try await attempt("bob@example.org", TestSession.password, from: "198.51.100.2")
            let (disabledWrong, disabledWrongChecks) = try await attempt("bob@example.org", "not the password", from: "198.51.100.3")
            let expected = ["error": "invalid_grant", "error_description": "wrong email or password"]
            for answer in [wrong, disabledRight, disabledWrong] {
                #expect(answer.status == .badRequest)
                #expect(try answer.object() as? [String: String] == expected, "\(answer.text)")
                #expect(answer.headers[.contentType] == wrong.headers[.contentType])
                #expect(answer.headers[.retryAfter] == nil)
            }
            #expect([wrongChecks, disabledRightChecks, disabledWrongChecks] == Array(repeating: 1, count: 3), "one bcrypt check each")

            // The refresh token of a session from before: revoked with the others, said as
            // for any revoked token (it never confirmed a password anyway).
            let refresh = try await session.anonymous.postForm("/auth/token", [("grant_type", "refresh_token"), ("refresh_token", bobsRefresh)])
            #expect(refresh.status == .badRequest)
            #expect(try refresh.object()["error_description"] as? String == "the refresh token has expired or was revoked; sign in again")

            // Counted like wrong passwords too: the sixth try from an address is a 429 either way.
            for _ in 0..<4 { _ = try await Self.signIn(session, "bob@example.org", TestSession.password, from: "198.51.100.2") }
            for _ in 0..<4 { _ = try await Self.signIn(session, "carol@example.org", "not the password", from: "198.51.100.1") }
            #expect(try await Self.signIn(session, "bob@example.org", TestSession.password, from: "198.51.100.2").status == .tooManyRequests)
            #expect(try await Self.signIn(session, "carol@example.org", TestSession.password, from: "198.51.100.1").status == .tooManyRequests)
        }
    }

    @Test("the address key: IPv6 by its /64, IPv4 and IPv4-mapped IPv6 by the address, anything else as written")
    func addressGroups() {
        #expect(ClientAddressGroup.key(for: "2001:db8:1:2::1") == "2001:db8:1:2::/64")
        #expect(ClientAddressGroup.key(for: "2001:0DB8:0001:0002:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64")
        #expect(ClientAddressGroup.key(for: "[2001:db8::1%eth0]") == "2001:db8:0:0::/64")
        #expect(ClientAddressGroup.key(for: "::ffff:198.51.100.7") == "198.51.100.7")
        #expect(ClientAddressGroup.key(for: "198.51.100.7") == "198.51.100.7")
        #expect(ClientAddressGroup.key(for: "unknown") == "unknown")
        #expect(ClientAddressGroup.key(for: "not:an:address") == "not:an:address")
    }
}

/// Holds a bcrypt queue's thread until opened: the jobs queued behind it are then known,
/// with no race against their finishing. It blocks that queue's own thread, never a test's.
final class QueueGate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let opened = Mutex(false)

    func hold(_ queue: BcryptQueue) -> Task<Void, any Error> {
        Task { try await queue.run { [semaphore] in semaphore.wait() } }
    }

    func open() {
        if opened.withLock({ wasOpen in defer { wasOpen = true }; return !wasOpen }) { semaphore.signal() }
    }

    /// `request`'s answer, and whether it had to wait: not answered within `limit`, the
    /// gate opens (so the request can end) and `waited` is true.
    func answer(within limit: Duration, _ request: @escaping @Sendable () async throws -> TestResponse) async throws -> (TestResponse, waited: Bool) {
        let answered = Mutex(false)
        let timer = Task { [self] in
            try await Task.sleep(for: limit)
            if !answered.withLock({ $0 }) { open() }
        }
        let response = try await request()
        answered.withLock { $0 = true }
        timer.cancel()
        return (response, opened.withLock { $0 })
    }
}
