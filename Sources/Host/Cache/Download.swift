import Foundation
import SourceAPI
import Synchronization

/// One remote track being written into the cache: how far it got, and whether it ended.
/// Readers wait on it for more bytes; the writer tells it of each chunk.
final class Download: Sendable {
    typealias Snapshot = GrowingSnapshot

    let partPath: String
    /// The provider id of the track.
    let source: String
    private let state: Mutex<State>

    private struct State {
        var snapshot: Snapshot
        var finalPath: String?
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }

    init(partPath: String, source: String, contentType: String) {
        self.partPath = partPath
        self.source = source
        state = Mutex(State(snapshot: Snapshot(written: 0, contentType: contentType)))
    }

    var snapshot: Snapshot { state.withLock { $0.snapshot } }

    // MARK: Writer side

    func wrote(total: Int64, contentType: String? = nil) {
        update {
            $0.snapshot.written = total
            if let contentType { $0.snapshot.contentType = contentType }
        }
    }

    /// Renames the finished part file to `finalPath`. Under the lock that `openForReading`
    /// takes, so a reader opens the part file before the rename or the final file after it,
    /// never a name that is gone.
    func moveIntoPlace(_ finalPath: String) throws {
        try state.withLock { state in
            guard rename(partPath, finalPath) == 0 else {
                throw HostError.unavailable("cannot move the finished download into place: \(String(cString: strerror(errno)))")
            }
            state.finalPath = finalPath
        }
    }

    func completed(size: Int64) {
        update {
            $0.snapshot.written = size
            $0.snapshot.completeSize = size
        }
    }

    func failed(_ error: HostError) {
        update { $0.snapshot.failure = error }
    }

    private func update(_ change: (inout State) -> Void) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            change(&state)
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    // MARK: Reader side

    /// Waits until more than `offset` bytes exist, the download ends, or `timeout` passes.
    func waitForBytes(beyond offset: Int64, timeout: Duration) async -> Snapshot {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let current = snapshot
            if current.written > offset || current.completeSize != nil || current.failure != nil || clock.now >= deadline {
                return current
            }
            await waitForChange(beyond: offset, until: deadline)
        }
    }

    private func waitForChange(beyond offset: Int64, until deadline: ContinuousClock.Instant) async {
        let key = UUID()
        let timer = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            let waiter = state.withLock { $0.waiters.removeValue(forKey: key) }
            waiter?.resume()
        }
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                // Something may have changed since the caller looked.
                let snapshot = state.snapshot
                if snapshot.written > offset || snapshot.completeSize != nil || snapshot.failure != nil { return true }
                state.waiters[key] = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
        timer.cancel()
    }

    /// Opens the bytes for reading: the part file while it grows, the final file after.
    /// The descriptor stays valid across the rename and even a later delete.
    func openForReading() throws -> FileDescriptorReader {
        try state.withLock { try FileDescriptorReader(path: $0.finalPath ?? partPath) }
    }
}

/// Reads a file by offset through its own descriptor (`pread`), so several readers and one
/// writer never share a file position. Each read runs on a Dispatch worker, so a slow disk
/// never blocks the threads that answer requests. The descriptor stays valid across a
/// rename and even a delete of the file.
public final class FileDescriptorReader: Sendable {
    /// The open descriptor, for callers that read into buffers of their own without a hop
    /// when that cannot block (the HTTP layer reads from the page cache in place).
    public let descriptor: Int32
    /// The checked file whose descriptor this reads, kept open as long as the reader lives;
    /// `nil` when the reader opened (and closes) the descriptor itself.
    private let owner: OpenedFile?

    public init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        owner = nil
        guard descriptor >= 0 else {
            throw HostError.unavailable("cannot open \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Reads an already opened and checked file: the bytes sent are that file's, whatever
    /// its path names by now.
    public init(file: OpenedFile) {
        descriptor = file.descriptor
        owner = file
    }

    deinit {
        if owner == nil { close(descriptor) }
    }

    /// Up to `count` bytes from `offset`; fewer at the end of the file.
    public func read(at offset: Int64, count: Int) async throws -> [UInt8] {
        try await onWorker { descriptor in
            var failure: Int32 = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                let got = pread(descriptor, buffer.baseAddress, count, off_t(offset))
                if got < 0 { failure = errno }
                initialized = max(0, got)
            }
            guard failure == 0 else { throw Self.readError(failure) }
            return bytes
        }
    }

    /// Runs `body` with the descriptor on a Dispatch worker, for callers that read into
    /// buffers of their own (the HTTP layer reads straight into network buffers).
    public func onWorker<Value: Sendable>(_ body: @escaping @Sendable (Int32) throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try body(self.descriptor) })
            }
        }
    }

    /// The error for a failed `pread`, from its `errno`.
    public static func readError(_ code: Int32) -> HostError {
        .unavailable("cannot read the file: \(String(cString: strerror(code)))")
    }
}
