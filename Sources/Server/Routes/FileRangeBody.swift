import Foundation
import Host
import Hummingbird

/// A byte range of a file as a response body, read from one descriptor.
///
/// Hummingbird's `FileIO` sends every step (stat, open, each chunk, close) through NIO's
/// thread pool; for the short ranges players ask for, those hops cost more than the copy.
/// Here the file is opened once (by the host, which checked it) and each 512 KiB chunk is one `pread` on a Dispatch worker
/// (`FileDescriptorReader`, the same reader that serves downloads still in progress).
enum FileRangeBody {
    static let chunkSize = 512 * 1024

    /// The bytes of `range`, read from the file the host opened (and checked) for this answer.
    static func make(reader: FileDescriptorReader, range: ClosedRange<Int64>) -> ResponseBody {
        return ResponseBody(contentLength: Int(range.count)) { writer in
            var offset = range.lowerBound
            while offset <= range.upperBound {
                let count = Int(min(Int64(chunkSize), range.upperBound - offset + 1))
                let start = offset
                let buffer = try await reader.onWorker { descriptor -> ByteBuffer in
                    // Read straight into the network buffer: no intermediate copy.
                    var buffer = ByteBufferAllocator().buffer(capacity: count)
                    var failure: Int32 = 0
                    buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
                        let got = pread(descriptor, bytes.baseAddress, count, off_t(start))
                        if got < 0 { failure = errno }
                        return max(0, got)
                    }
                    if failure != 0 { throw FileDescriptorReader.readError(failure) }
                    return buffer
                }
                guard buffer.readableBytes > 0 else {
                    throw APIError(status: .internalServerError, code: "internal", message: "the file shrank while it was sent")
                }
                offset += Int64(buffer.readableBytes)
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
        }
    }
}
