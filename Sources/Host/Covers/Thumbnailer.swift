import Foundation

/// Scales an image with ffmpeg, reading and writing through pipes.
enum Thumbnailer {
    static let timeout: TimeInterval = 10

    /// A JPEG that fits in `size`×`size`, or `nil` when ffmpeg is missing or fails.
    static func scale(_ image: [UInt8], toFit size: Int) async -> [UInt8]? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: run(image, size: size))
            }
        }
    }

    private static func run(_ image: [UInt8], size: Int) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "ffmpeg", "-nostdin", "-v", "error", "-f", "image2pipe", "-i", "pipe:0",
            "-vf", "scale=\(size):\(size):force_original_aspect_ratio=decrease",
            "-frames:v", "1", "-f", "image2", "-c:v", "mjpeg", "-q:v", "4", "pipe:1",
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        // Write on another thread so a full output pipe cannot deadlock against a full input pipe.
        DispatchQueue.global().async {
            try? input.fileHandleForWriting.write(contentsOf: Data(image))
            try? input.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !data.isEmpty else { return nil }
        return [UInt8](data)
    }
}
