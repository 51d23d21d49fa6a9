import Foundation
import HTTPSupport
import Host
import Hummingbird

/// `GET` and `HEAD /stream/{id}`: the audio of a track (see `AudioResponse`), the original
/// with Range, or a transcode when `?format=` (`opus`, `mp3`, `aac`; `raw` is the original)
/// or `?max_bitrate=` (kbps; 0 is no limit) asks for one (the web player's data saver), from
/// `?time_offset=` seconds on.
struct StreamRoutes {
    let host: MusicHost

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/stream/:id") { request, context in try await stream(request, context: context, sendBody: true) }
        group.head("/stream/:id") { request, context in try await stream(request, context: context, sendBody: false) }
    }

    private func stream(_ request: Request, context: AppRequestContext, sendBody: Bool) async throws -> Response {
        let asked = try Self.transcodeRequest(request.query)
        // HEAD runs no ffmpeg, so it takes no transcoding slot.
        let audio = try await host.transcoding.open(trackID: context.parameters.require("id"), asked: asked, reserve: sendBody)
        return try await AudioResponse.make(audio, request: request, eventLoop: context.eventLoop, sendBody: sendBody)
    }

    /// The query's transcoding parameters; a format this server does not make, or a number
    /// out of range, is a 400 naming it.
    static func transcodeRequest(_ query: QueryParameters) throws -> TranscodeRequest {
        var asked = TranscodeRequest()
        if let name = try query.string("format", maxLength: 20)?.lowercased(), !name.isEmpty {
            if name == "raw" {
                asked.original = true
            } else if let format = TranscodeFormat(rawValue: name) {
                asked.format = format
            } else {
                let known = (TranscodeFormat.allCases.map(\.rawValue) + ["raw"]).joined(separator: ", ")
                throw APIError.badRequest("format must be one of \(known), got \"\(name)\"")
            }
        }
        asked.maxBitRate = try query.int("max_bitrate", in: TranscodeRequest.bitRateLimit).flatMap { $0 > 0 ? $0 : nil }
        asked.timeOffset = try query.int("time_offset", in: TranscodeRequest.timeOffsetLimit) ?? 0
        return asked
    }
}
