import Foundation
import Hummingbird

/// A byte range of a file as a response body, read with `pread` from one descriptor.
///
/// Hummingbird's `FileIO` sends every step (stat, open, each chunk, close) through NIO's
/// thread pool; for the short ranges players ask for, those hops cost more than the
/// copy. Here the file is opened once and each chunk is one `pread` on a Dispatch worker,
/// so a slow disk still never blocks the event loop.
enum FileRangeBody {
    static let chunkSize = 512 * 1024

    static func make(path: String, range: ClosedRange<Int64>) throws -> ResponseBody {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw APIError(status: .notFound, code: "not_found", message: "the file is gone: rescan the library") }
        let file = OpenFile(descriptor: descriptor)
        return ResponseBody(contentLength: Int(range.count)) { writer in
            var offset = range.lowerBound
            while offset <= range.upperBound {
                let count = Int(min(Int64(chunkSize), range.upperBound - offset + 1))
                let buffer = try await file.read(at: offset, count: count)
                guard buffer.readableBytes > 0 else { throw APIError(status: .internalServerError, code: "internal", message: "the file shrank while it was sent") }
                offset += Int64(buffer.readableBytes)
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        }
    }
}

/// A descriptor closed when the last reference goes (the body may never run, if the
/// client leaves first).
private final class OpenFile: Sendable {
    let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    func read(at offset: Int64, count: Int) async throws -> ByteBuffer {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                var buffer = ByteBufferAllocator().buffer(capacity: count)
                var failure: Int32 = 0
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
                    let got = pread(self.descriptor, bytes.baseAddress, count, off_t(offset))
                    if got < 0 { failure = errno }
                    return max(0, got)
                }
                if failure != 0 {
                    continuation.resume(throwing: APIError(
                        status: .internalServerError, code: "internal",
                        message: "cannot read the file: \(String(cString: strerror(failure)))"))
                } else {
                    continuation.resume(returning: buffer)
                }
            }
        }
    }
}
