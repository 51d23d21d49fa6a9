/// Thumbnails being made: one job per thumbnail however many clients ask for it
/// (single-flight), at most `running` at once, at most `waiting` more in line. A job that
/// made nothing is remembered (up to `failureMemory` of them), so a picture ffmpeg cannot
/// scale is not tried again on every request; a new version of the cover is a new key.
actor ThumbnailJobs {
    /// The line is full: the caller answers without a thumbnail.
    struct Full: Error {}

    private let running: Int
    private let waiting: Int
    private var busy = 0
    private var line: [CheckedContinuation<Void, Never>] = []
    private var jobs: [String: Task<[UInt8]?, Never>] = [:]
    private var failed: Set<String> = []
    static let failureMemory = 1000

    init(running: Int, waiting: Int) {
        self.running = max(1, running)
        self.waiting = max(0, waiting)
    }

    /// The result of the job for `key`: the one under way, or `work` run in turn.
    /// The job belongs to no request: a client that leaves does not stop it, and its result
    /// is kept on disk for the next one.
    func run(key: String, _ work: @escaping @Sendable () async -> [UInt8]?) async throws -> [UInt8]? {
        if let job = jobs[key] { return await job.value }
        if failed.contains(key) { return nil }
        guard jobs.count < running + waiting else { throw Full() }
        let job = Task<[UInt8]?, Never> {
            await self.acquire()
            let result = await work()
            self.release()
            return result
        }
        jobs[key] = job
        let result = await job.value
        jobs[key] = nil
        if result == nil {
            if failed.count >= Self.failureMemory { failed.removeAll() }
            failed.insert(key)
        }
        return result
    }

    private func acquire() async {
        if busy < running {
            busy += 1
            return
        }
        await withCheckedContinuation { line.append($0) }
    }

    private func release() {
        if line.isEmpty {
            busy -= 1
        } else {
            line.removeFirst().resume()
        }
    }
}
