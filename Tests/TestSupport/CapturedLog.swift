import Foundation
import Logging
import Synchronization

/// Every log line written through its loggers, at every level, kept in memory: tests read
/// it to prove what never reaches a log (passwords, tokens, secrets).
public final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    public func logger(_ label: String = "captured") -> Logger {
        var logger = Logger(label: label) { label in Handler(log: self, label: label) }
        logger.logLevel = .trace
        return logger
    }

    public var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let log: CapturedLog
        let label: String
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            log.append("\(event.level) \(label) \(event.message) \(merged)")
        }
    }
}
