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

    /// The bytes of a range of at most `chunkSize`, read whole into one buffer now (the
    /// memory a streamed answer holds for its chunk anyway). A file that ends before the
    /// range does (it shrank since it was opened) is an error, thrown before anything is sent.
    static func read(reader: FileDescriptorReader, range: ClosedRange<Int64>) async throws -> ByteBuffer {
        let count = Int(range.count)
        var buffer = try await reader.readBuffer(at: range.lowerBound, count: count)
        while buffer.readableBytes < count {
            // A read stops short where the page cache has a gap; the rest comes from the disk.
            var more = try await reader.readBuffer(at: range.lowerBound + Int64(buffer.readableBytes), count: count - buffer.readableBytes)
            guard more.readableBytes > 0 else { throw HostError.unavailable("the file shrank while it was sent") }
            buffer.writeBuffer(&more)
        }
        return buffer
    }

    /// The bytes of `range`, read from the file the host opened (and checked) for this answer.
    static func make(reader: FileDescriptorReader, range: ClosedRange<Int64>, eventLoop: any EventLoop) -> ResponseBody {
        ResponseBody(contentLength: Int(range.count)) { writer in
            // On the connection's event loop: no thread switch a chunk (`EventLoopTaskExecutor`).
            try await withTaskExecutorPreference(EventLoopTaskExecutor(eventLoop)) {
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
}
