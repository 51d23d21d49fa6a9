import Foundation
import Synchronization

/// One remote track being written into the cache: how far it got, and whether it ended.
/// Readers wait on it for more bytes; the writer tells it of each chunk.
final class Download: Sendable {
    struct Snapshot: Sendable {
        var written: Int64
        /// The final size, once the file is complete and renamed.
        var completeSize: Int64?
        var failure: HostError?
        var contentType: String
    }

    let trackID: String
    let partPath: String
    private let state: Mutex<State>

    private struct State {
        var snapshot: Snapshot
        var finalPath: String?
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }

    init(trackID: String, partPath: String, contentType: String) {
        self.trackID = trackID
        self.partPath = partPath
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

    func completed(finalPath: String, size: Int64) {
        update {
            $0.finalPath = finalPath
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
        let path = state.withLock { $0.finalPath ?? partPath }
        return try FileDescriptorReader(path: path)
    }
}

/// Reads a file by offset through its own descriptor (`pread`), so several readers and one
/// writer never share a file position.
final class FileDescriptorReader: Sendable {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw HostError.unavailable("cannot open the cached file \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    func read(at offset: Int64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        guard got >= 0 else { throw HostError.unavailable("cannot read the cached file: \(String(cString: strerror(errno)))") }
        bytes.removeLast(count - got)
        return bytes
    }
}
