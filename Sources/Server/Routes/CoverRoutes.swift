import Host
import Hummingbird

/// `GET /api/covers/{id}[?size=N]`: a track's or an album's cover, original or thumbnail.
struct CoverRoutes {
    let host: MusicHost

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/api/covers/:id") { request, context in
            let id = try context.parameters.require("id")
            let image = try await host.covers.cover(id: id, size: request.query.int("size"))
            var headers: HTTPFields = [
                .contentType: image.contentType,
                .eTag: image.entityTag,
                .cacheControl: "private, max-age=86400",
            ]
            if let noneMatch = request.headers[.ifNoneMatch], StreamRoutes.matches(noneMatch, image.entityTag) {
                return Response(status: .notModified, headers: headers)
            }
            headers[.contentLength] = String(image.bytes.count)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: image.bytes)))
        }
    }
}
