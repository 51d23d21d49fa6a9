import Foundation
import HTTPTypes
@testable import Host
import HummingbirdBcrypt
import HummingbirdTesting
import Server
import TestSupport
import Testing

/// Passwords: what bcrypt hashes is exactly what the policy checked, at every door (sign-up,
/// an admin's new account, both password changes, sign-in), and changing one ends sessions.
@Suite("Passwords")
struct PasswordTests {
    static func json(_ object: [String: String]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
    }

    static func signIn(_ session: TestSession, _ email: String, _ password: String) async throws -> TestResponse {
        try await session.anonymous.postForm("/auth/token", [("grant_type", "password"), ("username", email), ("password", password)])
    }

    /// Control characters, each as JSON would carry it: NUL first or inside, tab, line
    /// break, DEL, a C1 control, and U+FFFD (what a decoder leaves of bytes that were not UTF-8).
    static let refused = [
        "\u{0}abcdefgh", "abc\u{0}defgh", "tab\there is", "two\nlines here", "delete\u{7F}key", "next\u{85}line here",
        "not utf8 \u{FFFD} here",
    ]

    @Test("a password with NUL or another control character is refused at sign-up, admin creation and both changes")
    func controlCharactersRefused() async throws {
        let fixture = try ServerFixture(label: "password-controls")
        try await fixture.session { session in
            let admin = try await session.signUp("ada@example.org")
            let bobID = try #require(try await session.signUp("bob@example.org").send(.get, "/api/me").object()["id"] as? String)
            for password in Self.refused {
                let doors: [(String, TestResponse)] = [
                    ("sign-up", try await session.anonymous.send(
                        .post, "/auth/register", json: Self.json(["email": "carol@example.org", "password": password]))),
                    ("admin create", try await admin.send(
                        .post, "/api/admin/users", json: Self.json(["email": "carol@example.org", "password": password]))),
                    ("admin reset", try await admin.send(
                        .put, "/api/admin/users/\(bobID)/password", json: Self.json(["password": password]))),
                    ("own change", try await admin.send(
                        .post, "/api/me/password",
                        json: Self.json(["current_password": TestSession.password, "new_password": password]))),
                ]
                for (door, answer) in doors {
                    #expect(answer.status == .badRequest, "\(door) accepted \(password.debugDescription): \(answer.status)")
                    #expect(answer.errorMessage.contains("control characters") || answer.errorMessage.contains("UTF-8"), "\(answer.text)")
                }
            }
            #expect(try await admin.send(.get, "/api/admin/users").items().count == 2, "no account was made")
            // Nothing changed: both still sign in with their password, and only with it.
            #expect(try await Self.signIn(session, "ada@example.org", TestSession.password).status == .ok)
            #expect(try await Self.signIn(session, "bob@example.org", TestSession.password).status == .ok)
        }
    }

    @Test("sign-in refuses a password with a NUL, so an account hashed from a NUL-cut password opens with neither the empty nor the cut text")
    func nulAtSignIn() async throws {
        let fixture = try ServerFixture(label: "password-nul-sign-in")
        try await fixture.session { session in
            _ = try await session.signUp("ada@example.org")
            _ = try await session.signUp("bob@example.org")
            // What the server stored before NUL was refused: bcrypt read "\0abcdefgh" as the
            // empty password, and "abc\0defgh" as "abc".
            try await fixture.test.host.catalog.pool.write { db in
                try db.execute(
                    sql: "UPDATE users SET hashed_password = ? WHERE username = ?",
                    arguments: [Bcrypt.hash("\u{0}abcdefgh", cost: 4), "ada@example.org"])
                try db.execute(
                    sql: "UPDATE users SET hashed_password = ? WHERE username = ?",
                    arguments: [Bcrypt.hash("abc\u{0}defgh", cost: 4), "bob@example.org"])
            }
            for (email, password) in [
                ("ada@example.org", ""), ("ada@example.org", "\u{0}abcdefgh"), ("ada@example.org", "\u{0}"),
                ("bob@example.org", "abc"), ("bob@example.org", "abc\u{0}defgh"), ("bob@example.org", "abc\u{0}anything"),
            ] {
                let answer = try await Self.signIn(session, email, password)
                #expect(answer.status == .badRequest, "\(email) opened with \(password.debugDescription)")
                #expect(try answer.object()["error_description"] as? String == "wrong email or password")
            }
        }
    }

    @Test("a 72-byte password of multi-byte characters signs up and in, and its hash verifies only the whole password")
    func seventyTwoBytes() async throws {
        let fixture = try ServerFixture(label: "password-72")
        // 4 + 3 + 2 + 1 bytes, 7 times (70 bytes), then "é" (2): 72 bytes, 29 characters.
        let password = String(repeating: "𝄞€éa", count: 7) + "é"
        #expect(password.utf8.count == 72)
        try await fixture.session { session in
            let answer = try await session.anonymous.send(
                .post, "/auth/register", json: Self.json(["email": "ada@example.org", "password": password]))
            #expect(answer.status == .created, "\(answer.text)")
            #expect(try await Self.signIn(session, "ada@example.org", password).status == .ok)
            for wrong in [String(password.dropLast()), String(password.dropLast()) + "e", String(password.dropFirst())] {
                #expect(try await Self.signIn(session, "ada@example.org", wrong).status == .badRequest)
            }
            let stored = try await fixture.test.host.catalog.pool.read { db in
                try String.fetchOne(db, sql: "SELECT hashed_password FROM users WHERE username = 'ada@example.org'")
            }
            let hash = try #require(stored)
            #expect(Bcrypt.verify(password, hash: hash))
            #expect(!Bcrypt.verify(String(password.dropLast()), hash: hash), "the last byte counts")
            let tooLong = try await session.anonymous.send(
                .post, "/auth/register", json: Self.json(["email": "bob@example.org", "password": password + "a"]))
            #expect(tooLong.status == .badRequest)
            #expect(tooLong.errorMessage.contains("at most 72 characters"))
        }
    }

    @Test("changing one's password needs the current one (limited like a sign-in) and ends the other sessions, not this one")
    func ownChange() async throws {
        let fixture = try ServerFixture(label: "password-change")
        try await fixture.session { session in
            let laptop = try await session.signUp("ada@example.org")
            let phone = try await session.signIn("ada@example.org")
            let newPassword = "a brand new passphrase"
            let wrong = try await laptop.send(
                .post, "/api/me/password", json: Self.json(["current_password": "not the password", "new_password": newPassword]))
            #expect(wrong.status == .forbidden)
            #expect(wrong.errorCode == "wrong_password")
            let weak = try await laptop.send(
                .post, "/api/me/password", json: Self.json(["current_password": TestSession.password, "new_password": "short"]))
            #expect(weak.status == .badRequest)
            #expect(try await laptop.send(.post, "/api/me/password", json: #"{"new_password": "x"}"#).status == .badRequest)

            let changed = try await laptop.send(
                .post, "/api/me/password", json: Self.json(["current_password": TestSession.password, "new_password": newPassword]))
            #expect(changed.status == .noContent, "\(changed.text)")
            #expect(try await laptop.send(.get, "/api/me").status == .ok, "the session that changed it goes on")
            #expect(try await phone.send(.get, "/api/me").status == .unauthorized, "every other session ends")
            #expect(try await Self.signIn(session, "ada@example.org", TestSession.password).status == .badRequest)
            #expect(try await Self.signIn(session, "ada@example.org", newPassword).status == .ok)

            // A stolen access token is no way to guess the password: wrong current passwords
            // lock like failed sign-ins (the sign-in above cleared this address's count).
            for guess in 0..<5 {
                let answer = try await laptop.send(
                    .post, "/api/me/password", json: Self.json(["current_password": "wrong guess \(guess)", "new_password": "another new passphrase"]))
                #expect(answer.status == .forbidden)
            }
            let locked = try await laptop.send(
                .post, "/api/me/password", json: Self.json(["current_password": newPassword, "new_password": "another new passphrase"]))
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] != nil)
        }
    }

    @Test("an admin sets a user's password: the user's sessions end, the new password opens the account, the admin stays signed in")
    func adminReset() async throws {
        let fixture = try ServerFixture(label: "password-reset")
        try await fixture.session { session in
            let admin = try await session.signUp("ada@example.org")
            let bob = try await session.signUp("bob@example.org")
            let bobID = try #require(try await bob.send(.get, "/api/me").object()["id"] as? String)
            let adaID = try #require(try await admin.send(.get, "/api/me").object()["id"] as? String)
            let reset = try await admin.send(.put, "/api/admin/users/\(bobID)/password", json: Self.json(["password": "bob's new passphrase"]))
            #expect(reset.status == .ok, "\(reset.text)")
            #expect(try reset.object()["email"] as? String == "bob@example.org")
            #expect(try await bob.send(.get, "/api/me").status == .unauthorized)
            #expect(try await Self.signIn(session, "bob@example.org", TestSession.password).status == .badRequest)
            #expect(try await Self.signIn(session, "bob@example.org", "bob's new passphrase").status == .ok)
            #expect(try await admin.send(.put, "/api/admin/users/nobody/password", json: Self.json(["password": "a long enough password"])).status == .notFound)
            #expect(try await admin.send(.put, "/api/admin/users/\(bobID)/password", json: Self.json(["password": "bob@example.org"])).status == .badRequest)

            // Resetting one's own password keeps the session doing it.
            #expect(try await admin.send(.put, "/api/admin/users/\(adaID)/password", json: Self.json(["password": "ada's new passphrase"])).status == .ok)
            #expect(try await admin.send(.get, "/api/me").status == .ok)
        }
    }
}
