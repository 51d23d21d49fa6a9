import HTTPSupport
import Host
import Hummingbird

/// `GET /api/covers/{id}[?size=N]`: a track's or an album's cover, original or thumbnail.
///
/// A matching `If-None-Match` is answered 304 from the catalog row alone: no picture is
/// read and no thumbnail made.
struct CoverRoutes {
    let host: MusicHost

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/api/covers/:id") { request, context in
            let id = try context.parameters.require("id")
            let reference = try await host.covers.locate(id: id, size: request.query.int("size"))
            if let noneMatch = request.headers[.ifNoneMatch], EntityTag.matches(noneMatch, reference.entityTag) {
                return Response(status: .notModified, headers: [.eTag: reference.entityTag, .cacheControl: Self.keep])
            }
            let image = try await host.covers.image(for: reference)
            let headers: HTTPFields = [
                .contentType: image.contentType,
                .eTag: image.entityTag,
                // An original sent for a thumbnail that could not be made now: ask again next time.
                .cacheControl: image.isFallback ? "private, no-cache" : Self.keep,
                .contentLength: String(image.bytes.count),
            ]
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: image.bytes)))
        }
    }

    static let keep = "private, max-age=86400"
}
