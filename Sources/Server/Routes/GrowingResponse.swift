import Host
import Hummingbird
import NIOCore

/// Serves a remote track while the cache is still writing it.
///
/// The total length is not known until the download ends, so a whole-file answer is
/// chunked (no Content-Length) and a range answer says `bytes a-b/*`. A range within the
/// bytes already written is answered at once; beyond them the answer waits (bounded) for
/// the download. A download that fails mid-answer aborts the connection, so a client never
/// takes a cut file for a complete one.
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
        guard let rangeHeader, rangeHeader.lowercased().hasPrefix("bytes="), !rangeHeader.contains(",") else {
            if let size = first.completeSize { headers[.contentLength] = String(size) }
            return Response(status: .ok, headers: headers, body: sendBody ? body(from: 0, through: nil) : ResponseBody())
        }
        let spec = rangeHeader.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Int64(parts[0]), parts[1].isEmpty || Int64(parts[1]) != nil else {
            // Suffix ranges (and malformed ones) need the total length: wait for it.
            return try await completeThenRange(rangeHeader, headers: headers, sendBody: sendBody)
        }
        let requestedEnd = parts[1].isEmpty ? nil : Int64(parts[1])
        if let requestedEnd, requestedEnd < start {
            return try await completeThenRange(rangeHeader, headers: headers, sendBody: sendBody)
        }
        // Wait until the first requested byte exists (or the download ends).
        let snapshot = await growing.waitForBytes(beyond: start)
        if let failure = snapshot.failure { throw failure }
        if let size = snapshot.completeSize {
            guard start < size else {
                throw APIError(
                    status: .rangeNotSatisfiable, code: "range_not_satisfiable",
                    message: "Range \"\(rangeHeader)\" starts at or past the end of a \(size)-byte file",
                    headers: [.contentRange: "bytes */\(size)"])
            }
            let end = min(requestedEnd ?? size - 1, size - 1)
            headers[.contentRange] = "bytes \(start)-\(end)/\(size)"
            headers[.contentLength] = String(end - start + 1)
            return Response(status: .partialContent, headers: headers, body: sendBody ? body(from: start, through: end) : ResponseBody())
        }
        guard start < snapshot.written else {
            throw APIError(status: .serviceUnavailable, code: "not_yet_available",
                           message: "byte \(start) is not downloaded yet; try again in a moment",
                           headers: [.retryAfter: "2"])
        }
        // An open range gets what is there now; a closed one gets exactly what it asked for.
        let end = requestedEnd ?? (snapshot.written - 1)
        headers[.contentRange] = "bytes \(start)-\(end)/*"
        headers[.contentLength] = String(end - start + 1)
        return Response(status: .partialContent, headers: headers, body: sendBody ? body(from: start, through: end) : ResponseBody())
    }

    /// Waits for the whole download, then answers the range like a static file would.
    private func completeThenRange(_ header: String, headers: HTTPFields, sendBody: Bool) async throws -> Response {
        let size = try await growing.waitForCompletion().completeSize ?? 0
        var headers = headers
        switch ByteRangeRequest(header: header, length: size) {
        case .whole:
            headers[.contentLength] = String(size)
            return Response(status: .ok, headers: headers, body: sendBody ? body(from: 0, through: size - 1) : ResponseBody())
        case .partial(let range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            headers[.contentLength] = String(range.count)
            return Response(status: .partialContent, headers: headers, body: sendBody ? body(from: range.lowerBound, through: range.upperBound) : ResponseBody())
        case .unsatisfiable(let reason):
            throw APIError(status: .rangeNotSatisfiable, code: "range_not_satisfiable", message: reason,
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
