import Host
import Hummingbird

/// The shared cache: list and delete cached remote tracks.
struct CacheRoutes {
    let host: MusicHost

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/api/cache") { _, _ in
            let tracks = try await host.cache.list()
            return JSONResponse(CacheListing(
                tracks: tracks.map(TrackPayload.init), count: tracks.count, bytes: tracks.reduce(0) { $0 + ($1.fileSize ?? 0) }))
        }
        group.delete("/api/cache/:id") { _, context in
            try await host.cache.remove(trackID: context.parameters.require("id"))
            return Response(status: .noContent)
        }
    }
}

struct CacheListing: Encodable {
    var tracks: [TrackPayload]
    var count: Int
    var bytes: Int64
}
