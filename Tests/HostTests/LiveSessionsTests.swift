import Foundation
import GRDB
@testable import Host
import TestSupport
import Testing

/// `LiveSessions` on a real catalog: what it remembers, when it forgets, and its bound.
@Suite("Live sessions cache")
struct LiveSessionsTests {
    static let now = Date()
    static let later = now.addingTimeInterval(3_600)

    static func user(_ id: String) -> User {
        User(id: id, email: "\(id)@example.org", hashedPassword: "", role: .user, createdAt: now, disabled: false)
    }

    @Test("remembered until it expires; a token naming another user is not answered")
    func remembers() {
        let cache = LiveSessions()
        cache.remember(Self.user("ada"), sessionID: "s1", expiresAt: Self.later, ticket: cache.ticket())
        #expect(cache.user(sessionID: "s1", userID: "ada", now: Self.now)?.id == "ada")
        #expect(cache.user(sessionID: "s1", userID: "bob", now: Self.now) == nil)
        #expect(cache.user(sessionID: "s1", userID: "ada", now: Self.later) == nil, "expired")
        #expect(cache.count == 0, "an expired entry is dropped when met")
    }

    @Test("bounded: at capacity one entry makes room for the next; never more than capacity")
    func bound() {
        let cache = LiveSessions(capacity: 3)
        for index in 0..<10 {
            cache.remember(Self.user("u\(index)"), sessionID: "s\(index)", expiresAt: Self.later, ticket: cache.ticket())
            #expect(cache.count == min(index + 1, 3))
        }
        #expect(cache.user(sessionID: "s9", userID: "u9", now: Self.now) != nil, "the newest is kept")
        cache.remember(Self.user("u9"), sessionID: "s9", expiresAt: Self.later, ticket: cache.ticket())
        #expect(cache.count == 3, "remembering a held session again evicts nothing")
    }

    @Test("a commit to users or sessions empties it, and a read that began before the commit is not remembered; other tables and rollbacks change nothing")
    func commits() async throws {
        let test = try TestHost(label: "live-sessions")
        let catalog = test.host.catalog
        let cache = catalog.liveSessions
        func fill() { cache.remember(Self.user("ada"), sessionID: "s1", expiresAt: Self.later, ticket: cache.ticket()) }

        try await catalog.pool.write { db in
            try db.execute(sql: """
                INSERT INTO users (id, username, hashed_password) VALUES ('ada', 'ada@example.org', '');
                INSERT INTO sessions (id, user_id, refresh_hash, created_at, last_used_at, expires_at)
                VALUES ('s1', 'ada', 'h', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '2999-01-01 00:00:00')
                """)
        }
        fill()
        try await catalog.pool.write { db in try db.execute(sql: "CREATE TABLE unrelated (x); INSERT INTO unrelated VALUES (1)") }
        #expect(cache.count == 1, "a write elsewhere keeps it")

        struct Abort: Error {}
        await #expect(throws: Abort.self) {
            try await catalog.pool.write { db in
                try db.execute(sql: "UPDATE users SET disabled = 1")
                throw Abort()
            }
        }
        #expect(cache.count == 1, "a rolled-back change keeps it")

        try await catalog.pool.write { db in try db.execute(sql: "UPDATE sessions SET revoked_at = CURRENT_TIMESTAMP") }
        #expect(cache.count == 0, "a commit to sessions empties it")

        fill()
        let stale = cache.ticket()
        try await catalog.pool.write { db in try db.execute(sql: "UPDATE users SET role = 'admin'") }
        #expect(cache.count == 0, "a commit to users empties it")
        cache.remember(Self.user("ada"), sessionID: "s1", expiresAt: Self.later, ticket: stale)
        #expect(cache.count == 0, "what a read found before a commit is not remembered")
        fill()
        #expect(cache.count == 1, "a ticket taken after it is")
    }
}
