import Synchronization

/// A byte stream filled by a producer task: what a provider hands the host's cache as
/// `AudioSource.stream`. The producer waits while the consumer is behind, rather than
/// buffer a whole file, and is cancelled when the consumer drops the stream.
struct ByteRelay: Sendable {
    private let continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation

    /// Bytes sent so far (a retry is allowed only before the first).
    private let counter = ByteCount()

    private init(continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation) {
        self.continuation = continuation
    }

    /// The stream that `produce` fills; it ends when `produce` returns, and fails with what it throws.
    static func stream(_ produce: @escaping @Sendable (ByteRelay) async throws -> Void) -> AsyncThrowingStream<[UInt8], any Error> {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream(bufferingPolicy: .bufferingOldest(64))
        let relay = ByteRelay(continuation: continuation)
        let task = Task {
            do {
                try await produce(relay)
                if Task.isCancelled { return continuation.finish(throwing: CancellationError()) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    var bytesSent: Int { counter.value }

    /// Hands on one chunk, waiting while the consumer is behind.
    func send(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        while true {
            switch continuation.yield(bytes) {
            case .enqueued:
                counter.add(bytes.count)
                return
            case .dropped:
                try await Task.sleep(for: .milliseconds(5))
            case .terminated:
                throw CancellationError()
            @unknown default:
                throw CancellationError()
            }
        }
    }

    /// Hands on every chunk of another stream (the yt-dlp command's output).
    func forward(_ other: AsyncThrowingStream<[UInt8], any Error>) async throws {
        for try await chunk in other { try await send(chunk) }
    }
}

private final class ByteCount: Sendable {
    private let total = Atomic<Int>(0)
    var value: Int { total.load(ordering: .relaxed) }
    func add(_ count: Int) { total.add(count, ordering: .relaxed) }
}
