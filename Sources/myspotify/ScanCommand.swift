import ArgumentParser
import Foundation
import Host

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Scan the library into the catalog, showing progress.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Reread every file, not only new and changed ones.")
    var full = false

    func run() async throws {
        let logger = CommandLogging.bootstrap()
        let host = try common.makeHost(logger: logger)
        let showBar = isatty(STDERR_FILENO) == 1
        let scanner = host.scanner
        let bar = Task {
            guard showBar else { return }
            while !Task.isCancelled {
                ProgressBar.draw(scanner.progress)
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        let result = await scanner.run(full: full)
        bar.cancel()
        if showBar { ProgressBar.clear() }
        print(ProgressBar.summary(result))
        for problem in result.problems.prefix(10) { print("  problem: \(problem)") }
        if let error = result.error { throw ExitCode.failure.withMessage(error) }
    }
}

/// The terminal progress line and the closing summary of a scan.
enum ProgressBar {
    static func draw(_ progress: ScanProgress) {
        let width = 30
        let fraction = progress.filesTotal > 0 ? Double(progress.filesDone) / Double(progress.filesTotal) : 0
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(progress.filesDone)/\(progress.filesTotal) \(progress.phase.rawValue)   ".utf8))
    }

    static func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func summary(_ progress: ScanProgress) -> String {
        let seconds = String(format: "%.2f", progress.seconds ?? 0)
        return "scan \(progress.phase.rawValue): seen \(progress.filesTotal), added \(progress.added), "
            + "updated \(progress.updated), moved \(progress.moved), removed \(progress.removed), "
            + "failed \(progress.failed), unchanged \(progress.unchanged), \(seconds) s"
    }
}

extension ExitCode {
    /// Prints `message` to standard error and returns the code, for a failure that already
    /// printed its own summary.
    func withMessage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("myspotify: \(message)\n".utf8))
        return self
    }
}
