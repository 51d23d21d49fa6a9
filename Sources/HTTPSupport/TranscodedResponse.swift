import Host
import Hummingbird
import NIOCore

/// A transcode as an HTTP answer: made while it is sent, so it has no ranges (no
/// `Accept-Ranges`: players must not seek in it by bytes; Subsonic apps seek with
/// `timeOffset`) and no `Content-Length` (chunked) unless the client asked for an estimate,
/// in which case the body is exactly that long. The body goes out at the client's pace
/// (`PacedBodyWriter`), so ffmpeg waits on its pipe while the client reads nothing; a
/// client that goes away (or whose write times out) makes the write throw, which ends
/// ffmpeg.
enum TranscodedResponse {
    static func make(_ audio: TranscodedAudio, eventLoop: any EventLoop, sendBody: Bool) -> Response {
        var headers: HTTPFields = [.contentType: audio.contentType, .cacheControl: "no-cache"]
        if let length = audio.promisedLength { headers[.contentLength] = String(length) }
        guard sendBody else { return Response(status: .ok, headers: headers) }
        let body = ResponseBody(contentLength: audio.promisedLength.map { Int($0) }) { writer in
            var paced = PacedBodyWriter(eventLoop: eventLoop)
            try await audio.stream { bytes in
                try await paced.write(ByteBuffer(bytes: bytes), to: &writer)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
