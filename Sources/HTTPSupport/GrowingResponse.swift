import Host
import Hummingbird
import NIOCore

/// Serves a remote track while the cache is still writing it.
///
/// The total length is not known until the download ends, so a whole-file answer is
/// chunked (no Content-Length) and a range answer says `bytes a-b/*`. An open range gets
/// the bytes from its start that are written when its first byte is; a closed range waits
/// (bounded) until its last byte is written or the download ends, so its length is never a
/// guess: exact when the bytes came, clamped to the file when it ended first, and what is
/// there when the wait ran out (the player asks for the rest later). A suffix range needs
/// the final length, so it waits for the end. A download that fails mid-answer aborts the
/// connection, so a client never takes a cut file for a complete one.
struct GrowingResponse {
    let growing: GrowingAudio
    let first: GrowingSnapshot
    let eventLoop: any EventLoop

    func response(rangeHeader: String?, sendBody: Bool) async throws -> Response {
        var headers: HTTPFields = [
            .acceptRanges: "bytes",
            .contentType: first.contentType,
            .cacheControl: "no-cache",
        ]
        let (start, requestedEnd): (Int64, Int64?)
        switch ByteRangeSpec(header: rangeHeader) {
        case .whole:
            if let size = first.completeSize { headers[.contentLength] = String(size) }
            return Response(status: .ok, headers: headers, body: sendBody ? body(from: 0, through: nil) : ResponseBody())
        case .suffix, .malformed:
            return try await completeThenRange(rangeHeader, headers: headers, sendBody: sendBody)
        case .from(let first, let last):
            (start, requestedEnd) = (first, last)
        }
        // Until the last requested byte (an open range: the first) exists, or the download ends.
        let snapshot = await growing.waitForBytes(beyond: requestedEnd ?? start)
        if let failure = snapshot.failure { throw failure }
        if let size = snapshot.completeSize {
            guard start < size else {
                throw HTTPRefusal(
                    status: .rangeNotSatisfiable, code: "range_not_satisfiable",
                    message: "Range \"\(rangeHeader ?? "")\" starts at or past the end of a \(size)-byte file",
                    headers: [.contentRange: "bytes */\(size)"])
            }
            let end = min(requestedEnd ?? size - 1, size - 1)
            headers[.contentRange] = "bytes \(start)-\(end)/\(size)"
            headers[.contentLength] = String(end - start + 1)
            return Response(status: .partialContent, headers: headers, body: sendBody ? body(from: start, through: end) : ResponseBody())
        }
        guard start < snapshot.written else {
            throw HTTPRefusal(
                status: .serviceUnavailable, code: "not_yet_available",
                message: "byte \(start) is not downloaded yet; try again in a moment", headers: [.retryAfter: "2"])
        }
        let end = min(requestedEnd ?? Int64.max, snapshot.written - 1)
        headers[.contentRange] = "bytes \(start)-\(end)/*"
        headers[.contentLength] = String(end - start + 1)
        return Response(status: .partialContent, headers: headers, body: sendBody ? body(from: start, through: end) : ResponseBody())
    }

    /// Waits for the whole download, then answers the range like a static file would.
    private func completeThenRange(_ header: String?, headers: HTTPFields, sendBody: Bool) async throws -> Response {
        let size = try await growing.waitForCompletion().completeSize ?? 0
        var headers = headers
        switch ByteRangeRequest(header: header, length: size) {
        case .whole:
            headers[.contentLength] = String(size)
            return Response(status: .ok, headers: headers, body: sendBody ? body(from: 0, through: size - 1) : ResponseBody())
        case .partial(let range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            headers[.contentLength] = String(range.count)
            return Response(
                status: .partialContent, headers: headers,
                body: sendBody ? body(from: range.lowerBound, through: range.upperBound) : ResponseBody())
        case .unsatisfiable(let reason):
            throw HTTPRefusal(
                status: .rangeNotSatisfiable, code: "range_not_satisfiable", message: reason,
                headers: [.contentRange: "bytes */\(size)"])
        }
    }

    /// Bytes `start...end` (to the end of the download when `end` is nil), as they arrive.
    private func body(from start: Int64, through end: Int64?) -> ResponseBody {
        let growing = self.growing
        let eventLoop = self.eventLoop
        return ResponseBody { writer in
            var paced = PacedBodyWriter(eventLoop: eventLoop)
            let reader = try growing.openReader()
            var offset = start
            while end.map({ offset <= $0 }) ?? true {
                let snapshot = await growing.waitForBytes(beyond: offset)
                let available = snapshot.completeSize ?? snapshot.written
                if offset >= available {
                    if snapshot.completeSize != nil { break }
                    if let failure = snapshot.failure { throw failure }
                    throw HostError.unavailable("the download stopped sending bytes")
                }
                let limit = min(available, (end ?? Int64.max - 1) + 1)
                let count = Int(min(Int64(FileRangeBody.chunkSize), limit - offset))
                let buffer = try await reader.readBuffer(at: offset, count: count)
                guard buffer.readableBytes > 0 else { break }
                offset += Int64(buffer.readableBytes)
                try await paced.write(buffer, to: &writer)
            }
            try await writer.finish(nil)
        }
    }
}
