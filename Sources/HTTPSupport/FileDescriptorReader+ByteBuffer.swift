import CFileRead
import Foundation
import Host
import NIOCore

extension FileDescriptorReader {
    /// Up to `count` bytes from `offset` read straight into a new network buffer (no
    /// intermediate copy); fewer at the end of the file or when only part of them is in
    /// the page cache, none past the end.
    ///
    /// Bytes already in the page cache (a track played before, a download being written)
    /// are read right here, which cannot block; only a read that would wait for the disk
    /// goes to a Dispatch worker. That hop costs more than copying a 64 KiB chunk from
    /// memory: it took a fifth off the throughput of whole-file streams.
    func readBuffer(at offset: Int64, count: Int) async throws -> ByteBuffer {
        let descriptor = self.descriptor
        if case .success(let buffer) = Self.read(count: count, { ms_pread_cached(descriptor, $0, count, off_t(offset)) }) {
            return buffer
        }
        // Not cached (EAGAIN), or the kernel cannot tell: the plain read, which reports
        // any real error itself.
        return try await onWorker { descriptor in
            try Self.read(count: count) { pread(descriptor, $0, count, off_t(offset)) }
                .mapError { Self.readError($0.code) }.get()
        }
    }

    private struct ReadFailure: Error { let code: Int32 }

    /// A buffer filled by `call` (a pread into the pointer it gets).
    private static func read(count: Int, _ call: (UnsafeMutableRawPointer?) -> Int) -> Result<ByteBuffer, ReadFailure> {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        var failure: Int32 = 0
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
            let got = call(bytes.baseAddress)
            if got < 0 { failure = errno }
            return max(0, got)
        }
        return failure == 0 ? .success(buffer) : .failure(ReadFailure(code: failure))
    }
}
