import Foundation

/// A wrapper script around a real tool that logs each run (`start`, `end` lines), so a test
/// counts how often, and how many at once, the program ran it. The tool itself is real.
public struct CountingCommand: Sendable {
    public let path: String
    let log: URL

    /// `tool` runs after `delaySeconds`, with the wrapper's arguments and standard input.
    public init(wrapping tool: String, in folder: TemporaryFolder, delaySeconds: Double = 0) throws {
        log = folder.appending("runs-\(UUID().uuidString.prefix(8)).log")
        let script = folder.appending("counting-\(tool)-\(UUID().uuidString.prefix(8))")
        try """
            #!/bin/sh
            echo start >> '\(log.path)'
            sleep \(delaySeconds)
            \(tool) "$@"
            status=$?
            echo end >> '\(log.path)'
            exit $status

            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        path = script.path
    }

    /// A command that never finishes (to test timeouts): it becomes `sleep` itself.
    public init(hangingIn folder: TemporaryFolder) throws {
        log = folder.appending("runs-\(UUID().uuidString.prefix(8)).log")
        let script = folder.appending("hanging-\(UUID().uuidString.prefix(8))")
        try """
            #!/bin/sh
            echo start >> '\(log.path)'
            exec sleep 600

            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        path = script.path
    }

    private var lines: [Substring] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n")
    }

    /// How many times it was started.
    public var runs: Int { lines.filter { $0 == "start" }.count }

    /// The most runs that were under way at one time.
    public var mostAtOnce: Int {
        var current = 0
        var most = 0
        for line in lines {
            current += line == "start" ? 1 : -1
            most = max(most, current)
        }
        return most
    }
}
