import Foundation
import Host
import Hummingbird

/// The admin API: storage, users, sources, scans and the shared cache. Mounted behind
/// `AdminMiddleware`, so every route here is 403 for a user who is not an admin.
struct AdminRoutes {
    let host: MusicHost
    let accounts: Accounts
    var payloads: TrackPayloads { TrackPayloads(host: host) }

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/system/storage") { _, _ in JSONResponse(try await host.storage()) }
        group.get("/api/admin/storage") { _, _ in
            let report = try await host.storage()
            let totals = try await host.catalog.totals(librarySources: host.libraryProviderIDs)
            return JSONResponse(AdminStorage(disk: report, counts: totals))
        }

        group.get("/api/admin/users") { _, _ in
            let users = try await accounts.list()
            let lockouts = accounts.lockouts(of: users)
            return JSONResponse(UserList(items: users.map { UserPayload($0, lockout: lockouts[$0.id]) }))
        }
        group.post("/api/admin/users") { request, _ in
            let body = try await request.json(NewUser.self)
            let role = try body.role.map(Self.role)
            let user = try await accounts.create(email: body.email, password: body.password, role: role)
            return JSONResponse(UserPayload(user), status: .created)
        }
        group.patch("/api/admin/users/:id") { request, context in
            let body = try await request.json(UserChange.self)
            let user = try await accounts.update(
                id: context.parameters.require("id"), role: try body.role.map(Self.role), disabled: body.disabled)
            return JSONResponse(UserPayload(user))
        }
        group.delete("/api/admin/users/:id") { _, context in
            try await accounts.delete(id: context.parameters.require("id"))
            return Response(status: .noContent)
        }
        group.put("/api/admin/users/:id/password") { request, context in
            let body = try await request.json(NewPassword.self)
            let user = try await accounts.setPassword(
                id: context.parameters.require("id"), password: body.password, keepingSession: try context.signedIn.sessionID)
            return JSONResponse(UserPayload(user))
        }
        group.delete("/api/admin/users/:id/lockout") { _, context in
            try await accounts.unlock(id: context.parameters.require("id"))
            return Response(status: .noContent)
        }

        group.get("/api/admin/sources") { _, _ in JSONResponse(await host.providerStatuses(detailed: true)) }

        group.get("/api/admin/scan") { _, _ in JSONResponse(host.scanner.progress) }
        group.post("/api/admin/scan") { request, _ in
            let full = try request.query.string("full", maxLength: 5).map { $0 == "true" || $0 == "1" } ?? false
            let started = host.scanner.start(full: full)
            return JSONResponse(ScanStart(started: started, progress: host.scanner.progress), status: .accepted)
        }
        group.get("/api/admin/scan/failures") { _, _ in JSONResponse(try await host.catalog.scanFailures()) }

        group.get("/api/admin/cache") { _, context in
            let tracks = try await host.cache.list()
            return JSONResponse(CacheListing(
                tracks: try await payloads.make(tracks, for: context.user), count: tracks.count,
                bytes: tracks.reduce(0) { $0 + ($1.fileSize ?? 0) }))
        }
        group.delete("/api/admin/cache/:id") { _, context in
            try await host.cache.remove(trackID: context.parameters.require("id"))
            return Response(status: .noContent)
        }
    }

    static func role(_ name: String) throws -> User.Role {
        guard let role = User.Role(rawValue: name) else {
            throw APIError.badRequest("role must be admin or user, got \"\(name)\"")
        }
        return role
    }
}

struct AdminStorage: Encodable {
    var disk: StorageReport
    var counts: CatalogTotals

    func encode(to encoder: any Encoder) throws {
        try disk.encode(to: encoder)
        var container = encoder.container(keyedBy: CountKeys.self)
        try container.encode(counts.users, forKey: .users)
        try container.encode(counts.playlists, forKey: .playlists)
        try container.encode(counts.allTracks, forKey: .tracks)
        try container.encode(counts.libraryTracks, forKey: .libraryTracks)
        try container.encode(counts.cachedRemoteTracks, forKey: .cachedTracks)
        try container.encode(counts.albums, forKey: .albums)
        try container.encode(counts.artists, forKey: .artists)
    }

    enum CountKeys: String, CodingKey {
        case users, playlists, tracks, albums, artists, libraryTracks = "library_tracks", cachedTracks = "cached_tracks"
    }
}

struct UserList: Encodable {
    var items: [UserPayload]
}

struct NewUser: Decodable {
    var email: String
    var password: String
    var role: String?
}

/// `PUT /api/admin/users/{id}/password`'s body.
struct NewPassword: Decodable {
    var password: String
}

struct UserChange: Decodable {
    var role: String?
    var disabled: Bool?
}

struct CacheListing: Encodable {
    var tracks: [TrackPayload]
    var count: Int
    var bytes: Int64
}

struct ScanStart: Encodable {
    /// False when a scan was already running: that one goes on, no second one starts.
    var started: Bool
    var progress: ScanProgress
}
