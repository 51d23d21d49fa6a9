import Foundation
import SourceAPI
import Subprocess

/// One resident yt-dlp extractor (`ytdlp_extractor.py`), spoken to in JSON lines over its
/// standard input and output, one request at a time (its pool sees to that).
///
/// Started on first use, and ready once it says so (it has imported yt-dlp and loaded the
/// extractor it will need). Every request has its own deadline: one that passes kills the
/// whole process group (a process stuck in a network read does not read its input, so
/// closing that is not enough) and the next request starts a new process. So does a
/// process that died.
actor ExtractorProcess {
    enum Failure: Error, Equatable {
        /// It could not start, or said it cannot work here (no yt_dlp module, bad options).
        case cannotStart(String)
        /// It gave no answer within the deadline, and was stopped.
        case timedOut(Duration)
        /// It ended while a request was under way.
        case ended(String)
    }

    private let command: ChildProcess
    private let startTimeout: Duration
    private var outgoing: AsyncStream<String>.Continuation?
    private var process: Task<Void, Never>?
    private var processID: pid_t?
    private var ready = false
    private var startWaiters: [CheckedContinuation<Void, any Error>] = []
    private var pending: (id: Int, continuation: CheckedContinuation<ExtractorLine, any Error>, timer: Task<Void, Never>)?
    private var nextID = 1
    /// Bumped at every start, so that what an old process says or does is ignored.
    private var generation = 0

    init(command: ChildProcess, startTimeout: Duration) {
        self.command = command
        self.startTimeout = startTimeout
    }

    /// The running process's id (also its process group's), nil when none runs.
    var currentProcessID: pid_t? { processID }

    /// Starts the process unless it runs, and waits until it is ready.
    func start() async throws {
        if ready { return }
        if process == nil { launch() }
        try await withCheckedThrowingContinuation { startWaiters.append($0) }
    }

    /// Resolves one item page. Only one request may be under way at a time.
    func extract(_ url: String, timeout: Duration) async throws -> ExtractorLine {
        try await start()
        guard pending == nil else { throw Failure.ended("the extractor was asked twice at once") }
        let id = nextID
        nextID += 1
        struct Request: Encodable { var id: Int; var url: String }
        let line = String(decoding: try JSONEncoder().encode(Request(id: id, url: url)), as: UTF8.self)
        let generation = self.generation
        return try await withCheckedThrowingContinuation { continuation in
            let timer = Task { [weak self] in
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                await self?.expire(id, generation: generation, after: timeout)
            }
            pending = (id, continuation, timer)
            outgoing?.yield(line)
        }
    }

    /// Stops the process: SIGTERM to its group, then SIGKILL. Whoever waits is told.
    func stop() {
        if let processID {
            kill(-processID, SIGTERM)
            Task {
                try? await Task.sleep(for: .milliseconds(300))
                kill(-processID, SIGKILL)
            }
        }
        processID = nil
        process?.cancel()
        process = nil
        outgoing?.finish()
        outgoing = nil
        ready = false
        failWaiting(start: .ended("the extractor was stopped"), request: .ended("the extractor was stopped"))
    }

    private func launch() {
        generation += 1
        let generation = self.generation
        let (lines, continuation) = AsyncStream<String>.makeStream()
        outgoing = continuation
        let command = self.command
        process = Task { [weak self] in
            var ending = "the yt-dlp extractor exited"
            do {
                _ = try await run(
                    command.subprocessExecutable, arguments: Arguments(command.arguments),
                    environment: command.subprocessEnvironment, platformOptions: ChildProcess.platformOptions,
                    input: .inputWriter, output: .sequence, error: .discarded
                ) { execution in
                    await self?.started(processID: execution.processIdentifier.value, generation: generation)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await line in lines {
                                _ = try await execution.standardInputWriter.write(line + "\n")
                            }
                            try await execution.standardInputWriter.finish()
                        }
                        group.addTask {
                            for try await line in execution.standardOutput.strings(bufferingPolicy: .maxLineLength(1 << 20)) {
                                await self?.received(line, generation: generation)
                            }
                        }
                        // Either side ending (the process died, or it was stopped) ends both.
                        try await group.next()
                        group.cancelAll()
                    }
                }
            } catch {
                ending = "cannot run the yt-dlp extractor (\(command.executable)): \(error)"
            }
            await self?.ended(generation: generation, reason: ending)
        }
        let startTimeout = self.startTimeout
        Task { [weak self] in
            try? await Task.sleep(for: startTimeout)
            await self?.startDeadlinePassed(generation: generation, after: startTimeout)
        }
    }

    private func started(processID: pid_t, generation: Int) {
        guard generation == self.generation else { return }
        self.processID = processID
    }

    private func received(_ line: String, generation: Int) {
        guard generation == self.generation,
              let message = try? JSONDecoder().decode(ExtractorLine.self, from: Data(line.utf8))
        else { return }
        if let isReady = message.ready {
            guard !ready else { return }
            if isReady {
                ready = true
                let waiters = startWaiters
                startWaiters = []
                for waiter in waiters { waiter.resume() }
            } else {
                let reason = message.error?.message ?? "the extractor cannot work here and gave no reason"
                failWaiting(start: .cannotStart(reason), request: nil)
                stop()
            }
            return
        }
        guard let pending, message.id == pending.id else { return }
        self.pending = nil
        pending.timer.cancel()
        pending.continuation.resume(returning: message)
    }

    private func ended(generation: Int, reason: String) {
        guard generation == self.generation else { return }
        process = nil
        processID = nil
        outgoing?.finish()
        outgoing = nil
        ready = false
        failWaiting(start: .cannotStart(reason), request: .ended(reason))
    }

    private func expire(_ id: Int, generation: Int, after timeout: Duration) {
        guard generation == self.generation, let pending, pending.id == id else { return }
        self.pending = nil
        pending.continuation.resume(throwing: Failure.timedOut(timeout))
        stop()
    }

    private func startDeadlinePassed(generation: Int, after timeout: Duration) {
        guard generation == self.generation, process != nil, !ready else { return }
        failWaiting(start: .cannotStart("the extractor was not ready within \(timeout)"), request: nil)
        stop()
    }

    private func failWaiting(start startFailure: Failure?, request requestFailure: Failure?) {
        if let startFailure {
            let waiters = startWaiters
            startWaiters = []
            for waiter in waiters { waiter.resume(throwing: startFailure) }
        }
        if let requestFailure, let pending {
            self.pending = nil
            pending.timer.cancel()
            pending.continuation.resume(throwing: requestFailure)
        }
    }
}
