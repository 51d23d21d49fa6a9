import Foundation
import HTTPSupport
import Host
import Hummingbird

/// The admin API: storage, users, sources, scans and the shared cache. Mounted behind
/// `AdminMiddleware`, so every route here is 403 for a user who is not an admin.
struct AdminRoutes {
    let host: MusicHost
    let accounts: Accounts
    var admin: Administration { host.admin }

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/system/storage") { _, _ in JSONResponse(try await admin.disk()) }
        group.get("/api/admin/storage") { _, _ in JSONResponse(AdminStorage(try await admin.storage())) }

        group.get("/api/admin/users") { _, _ in
            JSONResponse(UserList(items: try await accounts.overview().map { UserPayload($0.user, lockout: $0.lockout) }))
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

        group.get("/api/admin/sources") { _, _ in JSONResponse(await admin.sources()) }

        group.get("/api/admin/scan") { _, _ in JSONResponse(admin.scanProgress) }
        group.post("/api/admin/scan") { request, _ in
            let full = try request.query.string("full", maxLength: 5).map { $0 == "true" || $0 == "1" } ?? false
            let started = admin.startScan(full: full)
            return JSONResponse(ScanStart(started: started, progress: admin.scanProgress), status: .accepted)
        }
        group.get("/api/admin/scan/failures") { _, _ in JSONResponse(try await admin.scanFailures()) }

        group.get("/api/admin/cache") { _, context in
            JSONResponse(CacheListingPayload(try await admin.cachedTracks(for: context.user)))
        }
        group.delete("/api/admin/cache/:id") { _, context in
            try await admin.removeFromCache(trackID: context.parameters.require("id"))
            return Response(status: .noContent)
        }
        group.get("/api/admin/downloads") { _, _ in JSONResponse(DownloadsPayload(admin.downloads())) }
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

    init(_ overview: StorageOverview) {
        disk = overview.disk
        counts = overview.counts
    }

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

struct CacheListingPayload: Encodable {
    var tracks: [TrackPayload]
    var count: Int
    var bytes: Int64

    init(_ listing: CacheListing) {
        tracks = listing.tracks.map(TrackPayload.init)
        count = listing.tracks.count
        bytes = listing.bytes
    }
}

/// `GET /api/admin/downloads`: what the shared cache is fetching now.
struct DownloadsPayload: Encodable {
    var trackIDs: [String]
    var startedSinceLaunch: Int

    enum CodingKeys: String, CodingKey { case trackIDs = "track_ids", startedSinceLaunch = "started_since_launch" }

    init(_ activity: DownloadActivity) {
        trackIDs = activity.trackIDs
        startedSinceLaunch = activity.startedSinceLaunch
    }
}

struct ScanStart: Encodable {
    /// False when a scan was already running: that one goes on, no second one starts.
    var started: Bool
    var progress: ScanProgress
}
