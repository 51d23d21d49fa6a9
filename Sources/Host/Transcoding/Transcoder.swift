import Foundation
import Logging
import Subprocess
import Synchronization

/// Runs one transcode: ffmpeg reads the source on its standard input and writes the stream
/// to its standard output, which is handed on piece by piece.
///
/// - A complete file is given to ffmpeg as its standard input, the descriptor the host
///   opened and checked, read as `/dev/stdin` (a new reading of that same open file, so
///   ffmpeg can seek it: `-ss` before `-i` jumps straight to a start time, and an MP4 with
///   its index at the end is readable). A download in progress is fed through a pipe as
///   its bytes arrive.
/// - ffmpeg is told the input's demuxer (from the file type) and may open nothing but that
///   input (`-protocol_whitelist`), so a file that is really a playlist cannot make it read
///   other files or URLs.
/// - Back-pressure: output is read only as fast as `deliver` takes it, so a slow client
///   stalls ffmpeg on its full pipe rather than the server buffering the stream.
/// - ffmpeg runs in a process group of its own. When `deliver` throws (the client went
///   away, its write timed out), the task is cancelled, or the server stops (`stopAll`),
///   the whole group gets SIGTERM then SIGKILL, and the run returns only once ffmpeg has
///   been reaped: none is ever left behind.
/// - What ffmpeg prints on standard error goes to the log only (its last 2 KiB).
struct Transcoder: Sendable {
    /// The ffmpeg command: a name looked up in `PATH`, or a path.
    let ffmpeg: String
    let running: RunningTranscodes
    let logger: Logger

    /// What ffmpeg reads.
    enum Input: Sendable {
        /// A complete file, by its open descriptor (kept open by the caller for the run).
        case file(FileDescriptorReader)
        /// A download in progress, fed as it grows.
        case growing(GrowingAudio)
    }

    /// The end of ffmpeg's error output kept for the log.
    static let errorTailBytes = 2048

    /// Runs ffmpeg on `input` (of the type `demuxer` names) to `target`, handing each piece
    /// of the stream to `deliver`. Throws when ffmpeg fails or `deliver` does.
    func run(
        _ input: Input, demuxer: String, target: TranscodeTarget, deliver: (ArraySlice<UInt8>) async throws -> Void
    ) async throws {
        let fromFile: Bool
        if case .file = input { fromFile = true } else { fromFile = false }
        let arguments = Self.arguments(demuxer: demuxer, target: target, seekable: fromFile)
        let executable: Executable = ffmpeg.contains("/") ? .path(.init(ffmpeg)) : .name(ffmpeg)
        let errorTail = ErrorTail()
        let status: TerminationStatus
        do {
            switch input {
            case .file(let reader):
                status = try await Subprocess.run(
                    executable, arguments: Arguments(arguments), platformOptions: Self.platformOptions,
                    input: .fileDescriptor(.init(rawValue: reader.descriptor), closeAfterSpawningProcess: false),
                    output: .sequence, error: .sequence
                ) { execution in
                    try await pump(
                        execution.processIdentifier.value, output: execution.standardOutput, error: execution.standardError,
                        errorTail: errorTail, feed: nil, deliver: deliver)
                }.terminationStatus
            case .growing(let growing):
                status = try await Subprocess.run(
                    executable, arguments: Arguments(arguments), platformOptions: Self.platformOptions,
                    input: .inputWriter, output: .sequence, error: .sequence
                ) { execution in
                    let writer = execution.standardInputWriter
                    try await pump(
                        execution.processIdentifier.value, output: execution.standardOutput, error: execution.standardError,
                        errorTail: errorTail, feed: { try await Self.feed(growing, into: writer) }, deliver: deliver)
                }.terminationStatus
            }
        } catch let error as SubprocessError {
            logger.error("cannot run or read ffmpeg for a transcode", metadata: ["ffmpeg": "\(ffmpeg)", "error": "\(error)"])
            throw HostError.unavailable("this server cannot transcode now; an admin can see why in the log")
        }
        guard case .exited(0) = status else {
            logger.warning(
                "ffmpeg failed a transcode",
                metadata: ["status": "\(status)", "target": "\(target.format.rawValue) \(target.kbps) kbps", "stderr": "\(errorTail.text)"])
            throw HostError.unavailable("the transcode failed; an admin can see why in the log")
        }
    }

    /// Reads ffmpeg's output into `deliver`, its error output into the tail, and feeds its
    /// input, until its output ends. Registered meanwhile, so `stopAll` can end it.
    ///
    /// The error reader and the feeder are tasks of their own, never awaited on the way out
    /// of a failure: Subprocess kills ffmpeg only once this returns, and until then a read of
    /// its error output would not end.
    nonisolated(nonsending) private func pump(
        _ pid: pid_t, output: SubprocessOutputSequence, error: SubprocessOutputSequence, errorTail: ErrorTail,
        feed: (@Sendable () async throws -> Void)?, deliver: (ArraySlice<UInt8>) async throws -> Void
    ) async throws {
        let ticket = running.add(pid)
        defer { running.remove(ticket) }
        let errorReader = Task {
            for try await buffer in error { errorTail.append(buffer.withUnsafeBytes { Array($0) }) }
        }
        let feedFailure = FeedFailure()
        let running = self.running
        let feeder = feed.map { feed in
            Task {
                do {
                    try await feed()
                } catch let failure as HostError {
                    // The download failed (or stalled): ffmpeg must not finish the stream as
                    // if it were whole, so it is killed, and the failure is the stream's.
                    if !Task.isCancelled {
                        feedFailure.record(failure)
                        running.end(ticket)
                    }
                } catch {
                    // A write refused because ffmpeg stopped reading: its exit status tells why.
                }
            }
        }
        do {
            for try await buffer in output {
                try await deliver(buffer.withUnsafeBytes { ArraySlice($0) })
            }
        } catch {
            feeder?.cancel()
            errorReader.cancel()
            throw feedFailure.error ?? error
        }
        feeder?.cancel()
        if let failure = feedFailure.error {
            errorReader.cancel()
            throw failure
        }
        // ffmpeg closed its output: it is exiting, and its error output ends with it.
        _ = try? await errorReader.value
    }

    /// Writes a growing download into ffmpeg's standard input as its bytes arrive, then
    /// closes it. Throws the download's failure (the stream must then not look complete).
    private static func feed(_ growing: GrowingAudio, into writer: StandardInputWriter) async throws {
        let reader = try growing.openReader()
        var offset: Int64 = 0
        while !Task.isCancelled {
            let snapshot = await growing.waitForBytes(beyond: offset)
            let available = snapshot.completeSize ?? snapshot.written
            if offset >= available {
                if snapshot.completeSize != nil { break }
                if let failure = snapshot.failure { throw failure }
                throw HostError.unavailable("the download stopped sending bytes")
            }
            let bytes = try await reader.read(at: offset, count: Int(min(64 * 1024, available - offset)))
            guard !bytes.isEmpty else { break }
            offset += Int64(bytes.count)
            _ = try await writer.write(bytes)
        }
        try Task.checkCancellation()
        try await writer.finish()
    }

    /// ffmpeg's command line (after the program name).
    static func arguments(demuxer: String, target: TranscodeTarget, seekable: Bool) -> [String] {
        var arguments = ["-nostdin", "-hide_banner", "-loglevel", "error", "-threads", "1"]
        // On a file, seek the input (fast, by its index); a pipe cannot seek, so there the
        // output starts later instead (what comes before is decoded and dropped).
        let start = target.timeOffset > 0 ? ["-ss", String(target.timeOffset)] : []
        if seekable { arguments += start }
        arguments += ["-protocol_whitelist", "file,pipe", "-f", demuxer, "-i", seekable ? "/dev/stdin" : "pipe:0"]
        if !seekable { arguments += start }
        arguments += [
            "-map", "0:a:0", "-vn", "-sn", "-dn", "-map_metadata", "-1",
            // Every encoder here takes mono or stereo; a multichannel source is downmixed.
            "-af", "aformat=channel_layouts=mono|stereo",
        ]
        arguments += target.format.encoderArguments(kbps: target.kbps)
        arguments.append("pipe:1")
        return arguments
    }

    /// ffmpeg's demuxer for a source file suffix, or nil when this server does not
    /// transcode that type (it is then sent as it is).
    static func demuxer(forSuffix suffix: String) -> String? {
        switch suffix.lowercased() {
        case "mp3": "mp3"
        case "flac": "flac"
        case "m4a", "mp4", "m4b": "mov"
        case "aac": "aac"
        case "ogg", "oga", "opus": "ogg"
        case "wav": "wav"
        case "webm", "mka": "matroska"
        default: nil
        }
    }

    /// Its own process group, so that a kill reaches anything it started (a wrapper
    /// script's ffmpeg too); SIGTERM, then SIGKILL after 300 ms.
    static var platformOptions: PlatformOptions {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(300))]
        return options
    }
}

/// Why feeding a transcode's input failed (a download's failure), once it has.
private final class FeedFailure: Sendable {
    private let failure = Mutex<HostError?>(nil)

    func record(_ error: HostError) { failure.withLock { $0 = error } }

    var error: HostError? { failure.withLock { $0 } }
}

/// The last bytes of a process's error output, bounded.
private final class ErrorTail: Sendable {
    private let bytes = Mutex<[UInt8]>([])

    func append(_ chunk: [UInt8]) {
        bytes.withLock { kept in
            kept += chunk
            if kept.count > Transcoder.errorTailBytes { kept.removeFirst(kept.count - Transcoder.errorTailBytes) }
        }
    }

    var text: String {
        String(decoding: bytes.withLock { $0 }, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The ffmpeg processes running now, so that a stopping server ends them all.
final class RunningTranscodes: Sendable {
    private let processes = Mutex<(next: UInt64, byTicket: [UInt64: pid_t])>((0, [:]))

    /// How many run now.
    var count: Int { processes.withLock { $0.byTicket.count } }

    func add(_ pid: pid_t) -> UInt64 {
        processes.withLock { state in
            state.next += 1
            state.byTicket[state.next] = pid
            return state.next
        }
    }

    func remove(_ ticket: UInt64) {
        _ = processes.withLock { $0.byTicket.removeValue(forKey: ticket) }
    }

    /// Kills one process group, if its run is still registered (so not yet reaped).
    func end(_ ticket: UInt64) {
        processes.withLock { state in
            if let pid = state.byTicket[ticket] { Glibc.kill(-pid, SIGKILL) }
        }
    }

    /// Kills every running ffmpeg's process group. Each is still registered, so not yet
    /// reaped, so its pid (the group id) cannot have been reused.
    func stopAll() {
        processes.withLock { state in
            for pid in state.byTicket.values { Glibc.kill(-pid, SIGKILL) }
        }
    }
}
