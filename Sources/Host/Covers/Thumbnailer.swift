import Foundation
import SourceAPI

/// Scales an image with ffmpeg, reading and writing through pipes.
///
/// The input is one of the raster formats `ImageFormat` admits, and ffmpeg is told which
/// (its own probing could pick an SVG or playlist demuxer); it may read only the pipe,
/// decode at most `maximumPixels`, use one thread, and run for `timeout`.
struct Thumbnailer: Sendable {
    /// The command: a name looked up in `PATH`, or a path.
    let ffmpeg: String
    let timeout: Duration

    /// A decoded picture larger than this (a "pixel bomb": a tiny PNG of 30000×30000) is refused.
    static let maximumPixels = 40_000_000
    /// More output than this is not a thumbnail.
    static let maximumOutputBytes = 8 * 1024 * 1024

    /// A JPEG that fits in `size`×`size`, or `nil` when ffmpeg is missing, fails or is too slow.
    func scale(_ image: [UInt8], format: ImageFormat, toFit size: Int) async -> [UInt8]? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: run(image, format: format, size: size))
            }
        }
    }

    static func demuxer(for format: ImageFormat) -> String {
        switch format {
        case .jpeg: "jpeg_pipe"
        case .png: "png_pipe"
        case .gif: "gif"
        case .webp: "webp_pipe"
        }
    }

    private func run(_ image: [UInt8], format: ImageFormat, size: Int) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            ffmpeg, "-nostdin", "-v", "error", "-threads", "1",
            "-protocol_whitelist", "pipe", "-max_pixels", "\(Self.maximumPixels)",
            "-f", Self.demuxer(for: format), "-i", "pipe:0",
            "-vf", "scale=\(size):\(size):force_original_aspect_ratio=decrease",
            "-frames:v", "1", "-f", "image2", "-c:v", "mjpeg", "-q:v", "4", "pipe:1",
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let watchdog = DispatchWorkItem { Self.stop(process) }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog)
        defer { watchdog.cancel() }
        // Write on another thread so a full output pipe cannot deadlock against a full input pipe.
        DispatchQueue.global().async {
            try? input.fileHandleForWriting.write(contentsOf: Data(image))
            try? input.fileHandleForWriting.close()
        }
        var data = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            data.append(chunk)
            if data.count > Self.maximumOutputBytes {
                Self.stop(process)
                break
            }
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0, !data.isEmpty,
              data.count <= Self.maximumOutputBytes
        else { return nil }
        return [UInt8](data)
    }

    /// SIGTERM, then SIGKILL for an ffmpeg that does not stop within a second.
    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
            if process.isRunning { kill(pid, SIGKILL) }
        }
    }
}
