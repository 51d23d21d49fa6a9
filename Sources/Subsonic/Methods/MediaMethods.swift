import Foundation
import HTTPSupport
import Host
import Hummingbird

/// The methods that answer bytes: stream (the original, or a transcode as asked), download
/// (always the original), getCoverArt. Before any byte is sent a
/// failure is an error envelope like any other method's (apps check the content type); a
/// refused range is its HTTP status, which players read.
extension SubsonicAPI {
    static let mediaMethods: Set<String> = ["stream", "download", "getCoverArt"]

    func media(_ name: String, call: SubsonicCall, request: Request, context: AppRequestContext) async throws -> Response {
        switch name {
        case "stream":
            let id = try call.parameters.required("id")
            let sendBody = request.method != .head
            // HEAD (a player's probe) runs no ffmpeg, so it takes no transcoding slot.
            let audio = try await host.transcoding.open(trackID: id, asked: try Self.transcodeRequest(call.parameters), reserve: sendBody)
            return try await AudioResponse.make(audio, request: request, eventLoop: context.eventLoop, sendBody: sendBody)
        case "download":
            // Always the original bytes, whatever else is asked.
            let id = try call.parameters.required("id")
            let audio = try await host.streams.open(trackID: id)
            var response = try await AudioResponse.make(audio, request: request, eventLoop: context.eventLoop, sendBody: request.method != .head)
            let track = try await host.library.track(id: id, for: call.user)
            response.headers[.contentDisposition] = Self.attachment(named: track.title, suffix: track.fileSuffix)
            return response
        default:
            return try await coverArt(call, request: request)
        }
    }

    /// `stream`'s transcoding parameters. `format=raw` is the original; a format this server
    /// does not make (`flac`, `flv`...) counts as none named, as Navidrome does, so the bit-rate
    /// limit alone decides (an app sends formats from its own list: refusing one would play
    /// nothing). `maxBitRate=0` is no limit; `timeOffset` is seconds (the `transcodeOffset`
    /// extension; a fraction is dropped).
    static func transcodeRequest(_ parameters: SubsonicParameters) throws -> TranscodeRequest {
        var asked = TranscodeRequest()
        if let name = parameters.string("format")?.lowercased(), !name.isEmpty {
            if name == "raw" { asked.original = true } else { asked.format = TranscodeFormat(rawValue: name) }
        }
        asked.maxBitRate = try parameters.int("maxBitRate", in: TranscodeRequest.bitRateLimit).flatMap { $0 > 0 ? $0 : nil }
        if let text = parameters.string("timeOffset")?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let seconds = Double(text), seconds.isFinite,
                  Double(TranscodeRequest.timeOffsetLimit.lowerBound)...Double(TranscodeRequest.timeOffsetLimit.upperBound) ~= seconds
            else {
                throw SubsonicError(.generic, "timeOffset must be a number of seconds from 0 to \(TranscodeRequest.timeOffsetLimit.upperBound), got \"\(text.prefix(40))\"")
            }
            asked.timeOffset = Int(seconds)
        }
        asked.estimateLength = try parameters.bool("estimateContentLength") ?? false
        return asked
    }

    /// `id` as the app got it: a song's `coverArt` (`al-<album>` or a track id), an album
    /// id, `ar-<artist>` or `pl-<playlist>`. Anything without a picture gets the placeholder.
    private func coverArt(_ call: SubsonicCall, request: Request) async throws -> Response {
        let id = try call.parameters.required("id")
        // Apps ask for any size; the covers service makes thumbnails within its range.
        let size = try call.parameters.int("size").map { min(max($0, CoverService.sizeRange.lowerBound), CoverService.sizeRange.upperBound) }
        let reference: CoverReference
        do {
            if id.hasPrefix("ar-") {
                reference = try await host.covers.locate(artistID: String(id.dropFirst(3)), size: size)
            } else if id.hasPrefix("pl-") {
                reference = try await host.covers.locate(playlistID: String(id.dropFirst(3)), for: call.user, size: size)
            } else {
                reference = try await host.covers.locate(id: id.hasPrefix("al-") ? String(id.dropFirst(3)) : id, size: size)
            }
        } catch HostError.notFound {
            return Self.image(PlaceholderCover.png, type: "image/png", tag: PlaceholderCover.entityTag, request: request)
        }
        if let noneMatch = request.headers[.ifNoneMatch], EntityTag.matches(noneMatch, reference.entityTag) {
            return Response(status: .notModified, headers: [.eTag: reference.entityTag, .cacheControl: "private, max-age=86400"])
        }
        let image = try await host.covers.image(for: reference)
        return Self.image(image.bytes, type: image.contentType, tag: image.entityTag, request: request)
    }

    private static func image(_ bytes: [UInt8], type: String, tag: String, request: Request) -> Response {
        if let noneMatch = request.headers[.ifNoneMatch], EntityTag.matches(noneMatch, tag) {
            return Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "private, max-age=86400"])
        }
        return Response(
            status: .ok,
            headers: [.contentType: type, .eTag: tag, .cacheControl: "private, max-age=86400", .contentLength: String(bytes.count)],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `attachment; filename="Title.ext"` with the name made safe for a header (RFC 6266:
    /// an ASCII fallback and the UTF-8 name).
    static func attachment(named title: String, suffix: String?) -> String {
        let name = title + (suffix.map { ".\($0)" } ?? "")
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// A refusal at the HTTP level (a range past the end): the status and its headers.
    static func response(_ refusal: HTTPRefusal) -> Response {
        Response(status: refusal.status, headers: refusal.headers, body: .init(byteBuffer: ByteBuffer(string: refusal.message)))
    }
}
