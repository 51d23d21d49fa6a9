import Foundation
import Host
import Hummingbird
import NIOCore

/// A byte range of a file as a response body, read from one descriptor.
///
/// Hummingbird's `FileIO` sends every step (stat, open, each chunk, close) through NIO's
/// thread pool; for the short ranges players ask for, those hops cost more than the copy.
/// Here the file is opened once (by the host, which checked it) and each chunk is one read,
/// in place from the page cache or else on a Dispatch worker (`FileDescriptorReader.readBuffer`,
/// which also serves downloads still in progress).
enum FileRangeBody {
    /// What a client that stops reading costs: the writer suspends once NIO holds more than
    /// its high-water mark (64 KiB) unsent (`PacedBodyWriter`), holding at most the chunk
    /// it was writing and the next one, so a stalled reader pins about 200 KiB. With 512 KiB
    /// chunks that was over 1 MiB; whole-file streams lost a tenth of their speed to the
    /// smaller chunks, ranges nothing. Below glibc's mmap threshold (128 KiB), so a chunk
    /// is reused from the heap rather than mapped and faulted in afresh each time.
    static let chunkSize = 64 * 1024

    /// The bytes of `range`, read from the file the host opened (and checked) for this answer.
    static func make(reader: FileDescriptorReader, range: ClosedRange<Int64>, eventLoop: any EventLoop) -> ResponseBody {
        ResponseBody(contentLength: Int(range.count)) { writer in
            var paced = PacedBodyWriter(eventLoop: eventLoop)
            var offset = range.lowerBound
            while offset <= range.upperBound {
                let count = Int(min(Int64(chunkSize), range.upperBound - offset + 1))
                let buffer = try await reader.readBuffer(at: offset, count: count)
                guard buffer.readableBytes > 0 else {
                    throw HostError.unavailable("the file shrank while it was sent")
                }
                offset += Int64(buffer.readableBytes)
                try await paced.write(buffer, to: &writer)
            }
            try await writer.finish(nil)
        }
    }
}
