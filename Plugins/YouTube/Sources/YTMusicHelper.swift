import Foundation
import SourceAPI
import Subprocess
import YtDlpSupport

/// The resident ytmusicapi helper process, spoken to in JSON lines over stdin/stdout.
///
/// Started on first use, restarted when it dies or stops answering; each request has its
/// own timeout. Requests are matched to replies by id, so several can be in flight.
actor YTMusicHelper {
    private let command: ChildProcess
    private var outgoing: AsyncStream<String>.Continuation?
    private var process: Task<Void, Never>?
    private var pending: [Int: CheckedContinuation<Data, any Error>] = [:]
    private var nextID = 1
    /// Bumped at every start, so events of an old process are ignored.
    private var generation = 0
    /// The running helper's process (and process group) id.
    private var processID: pid_t?

    init(command: ChildProcess) {
        self.command = command
    }

    struct Request: Encodable {
        var id: Int
        var method: String
        var query: String?
        var filter: String?
        var limit: Int?
    }

    struct Reply<Results: Decodable>: Decodable {
        var id: Int?
        var ok: Bool
        var error: String?
        var results: Results?
    }

    /// Sends one request and decodes its reply.
    func call<Results: Decodable & Sendable>(
        _ method: String, query: String? = nil, filter: String? = nil, limit: Int? = nil, timeout: Duration,
        as type: Results.Type
    ) async throws -> Results? {
        startIfNeeded()
        let id = nextID
        nextID += 1
        let line = String(decoding: try JSONEncoder().encode(Request(id: id, method: method, query: query, filter: filter, limit: limit)), as: UTF8.self)
        let generation = self.generation
        let data: Data = try await withCheckedThrowingContinuation { continuation in
            pending[id] = continuation
            outgoing?.yield(line)
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expire(id, generation: generation, after: timeout)
            }
        }
        let reply: Reply<Results>
        do {
            reply = try JSONDecoder().decode(Reply<Results>.self, from: data)
        } catch {
            throw ProviderError.unavailable("the ytmusicapi helper answered in an unexpected shape: \(error)")
        }
        guard reply.ok else { throw ProviderError.unavailable(reply.error ?? "the ytmusicapi helper failed") }
        return reply.results
    }

    /// Stops the helper (at shutdown, or to restart a stuck one). The process group gets
    /// SIGTERM, then SIGKILL: a helper stuck in a call does not read its input, so closing
    /// that is not enough.
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
        failAll(ProviderError.unavailable("the ytmusicapi helper was stopped"))
    }

    private func startIfNeeded() {
        guard process == nil else { return }
        generation += 1
        let generation = self.generation
        let (lines, continuation) = AsyncStream<String>.makeStream()
        outgoing = continuation
        let command = self.command
        process = Task { [weak self] in
            var ending = "the ytmusicapi helper exited"
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
                            for try await line in execution.standardOutput.strings(bufferingPolicy: .maxLineLength(8 * 1024 * 1024)) {
                                await self?.deliver(line, generation: generation)
                            }
                        }
                        // Either side ending (the helper died, or we stopped it) ends both.
                        try await group.next()
                        group.cancelAll()
                    }
                }
            } catch {
                ending = "cannot run the ytmusicapi helper (\(command.executable)): \(error). Run scripts/setup, or set \"python\" in plugins.json"
            }
            await self?.ended(generation: generation, reason: ending)
        }
    }

    private func started(processID: pid_t, generation: Int) {
        guard generation == self.generation else { return }
        self.processID = processID
    }

    private func deliver(_ line: String, generation: Int) {
        guard generation == self.generation else { return }
        struct Envelope: Decodable { var id: Int? }
        let data = Data(line.utf8)
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: data), let id = envelope.id,
              let continuation = pending.removeValue(forKey: id)
        else { return }
        continuation.resume(returning: data)
    }

    private func ended(generation: Int, reason: String) {
        guard generation == self.generation else { return }
        process = nil
        processID = nil
        outgoing?.finish()
        outgoing = nil
        failAll(ProviderError.unavailable(reason))
    }

    private func expire(_ id: Int, generation: Int, after timeout: Duration) {
        guard let continuation = pending.removeValue(forKey: id) else { return }
        continuation.resume(throwing: ProviderError.unavailable("the ytmusicapi helper gave no answer within \(timeout)"))
        // A helper that stopped answering is restarted on the next request.
        if generation == self.generation { stop() }
    }

    private func failAll(_ error: ProviderError) {
        let waiting = pending
        pending = [:]
        for continuation in waiting.values { continuation.resume(throwing: error) }
    }
}
