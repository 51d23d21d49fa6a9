import Foundation
import SourceAPI
import Subprocess

/// A command-line tool run as a child process (yt-dlp, a Python helper), killed with its
/// whole process group on timeout or cancellation so no grandchild is left behind.
public struct ChildProcess: Sendable {
    /// A path (containing `/`) or a name looked up in `PATH`.
    public var executable: String
    public var arguments: [String]
    /// Extra environment variables, on top of this process's.
    public var environment: [String: String]

    public init(executable: String, arguments: [String], environment: [String: String] = [:]) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// What a finished run left behind.
    public struct Output: Sendable {
        public var status: Int32?
        public var standardOutput: [UInt8]
        public var standardError: String
    }

    package var subprocessExecutable: Executable {
        executable.contains("/") ? .path(.init(executable)) : .name(executable)
    }

    package var subprocessEnvironment: Subprocess.Environment {
        .inherit.updating(Dictionary(uniqueKeysWithValues: environment.map { (Subprocess.Environment.Key(rawValue: $0.key)!, $0.value) }))
    }

    /// Runs in its own process group; on cancellation SIGTERM goes to the group, then SIGKILL.
    package static var platformOptions: PlatformOptions {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(300))]
        return options
    }

    /// Runs to completion and collects the output, failing with `.unavailable` after `timeout`.
    public func collect(timeout: Duration, outputLimit: Int = 32 * 1024 * 1024) async throws -> Output {
        let name = (executable as NSString).lastPathComponent
        return try await withThrowingTaskGroup(of: Output?.self) { group in
            group.addTask {
                do {
                    let result = try await run(
                        subprocessExecutable, arguments: Arguments(arguments), environment: subprocessEnvironment,
                        platformOptions: Self.platformOptions, output: .bytes(limit: outputLimit),
                        error: .string(limit: 64 * 1024))
                    return Output(
                        status: result.terminationStatus.exitCode, standardOutput: result.standardOutput,
                        standardError: result.standardError)
                } catch let error as SubprocessError {
                    throw ProviderError.unavailable("cannot run \(executable): \(error). Is it installed (scripts/setup) and is the path in plugins.json right?")
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let output = first else {
                throw ProviderError.unavailable("\(name) gave no answer within \(timeout) and was stopped")
            }
            return output
        }
    }

    /// Streams standard output as it is written. The stream fails with `.unavailable` (with
    /// the end of standard error) when the process exits non-zero; dropping the stream kills
    /// the process group.
    public func streamOutput(
        failure: @escaping @Sendable (_ status: String, _ standardError: String) -> any Error = ChildProcess.genericFailure
    ) -> AsyncThrowingStream<[UInt8], any Error> {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream(bufferingPolicy: .bufferingOldest(64))
        let name = (executable as NSString).lastPathComponent
        let task = Task {
            do {
                let result = try await run(
                    subprocessExecutable, arguments: Arguments(arguments), environment: subprocessEnvironment,
                    platformOptions: Self.platformOptions, input: .none, output: .sequence, error: .string(limit: 16 * 1024)
                ) { execution in
                    for try await buffer in execution.standardOutput {
                        let bytes = buffer.withUnsafeBytes { Array($0) }
                        // Back-pressure: wait while the consumer is behind, rather than buffer a whole file.
                        while case .dropped = continuation.yield(bytes) {
                            try await Task.sleep(for: .milliseconds(5))
                        }
                    }
                }
                if Task.isCancelled { return continuation.finish(throwing: CancellationError()) }
                if let code = result.terminationStatus.exitCode, code == 0 {
                    continuation.finish()
                } else {
                    let tail = String(result.standardError.suffix(300)).trimmingCharacters(in: .whitespacesAndNewlines)
                    continuation.finish(throwing: failure("\(name) \(result.terminationStatus)", tail))
                }
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}

extension ChildProcess {
    /// The default error of a failed stream: what exited how, and the end of its error output.
    public static let genericFailure: @Sendable (String, String) -> any Error = { status, standardError in
        ProviderError.unavailable("\(status): \(standardError)")
    }
}

extension TerminationStatus {
    /// The exit code, or nil when a signal ended the process.
    var exitCode: Int32? {
        if case .exited(let code) = self { return code }
        return nil
    }
}
