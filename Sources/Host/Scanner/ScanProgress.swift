import Foundation

/// Where a library scan is, for `GET /api/scan`, the CLI's progress bar and the admin page.
public struct ScanProgress: Sendable, Codable, Equatable {
    public enum Phase: String, Sendable, Codable {
        case idle, walking, reading, removing, indexing, done, failed
    }

    public var running = false
    public var phase: Phase = .idle
    /// A full scan rereads every file; an incremental one skips unchanged files.
    public var full = false
    /// Files dealt with so far (read, skipped as unchanged, or failed) out of `filesTotal`.
    public var filesDone = 0
    /// Audio files the walk found.
    public var filesTotal = 0
    public var added = 0
    public var updated = 0
    public var moved = 0
    public var removed = 0
    public var failed = 0
    public var unchanged = 0
    public var startedAt: Date?
    public var finishedAt: Date?
    public var seconds: Double?
    /// Why the last scan stopped, when it failed.
    public var error: String?
    /// Folders that could not be read, loops not followed, files that failed (first 50).
    public var problems: [String] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case running, phase, full, added, updated, moved, removed, failed, unchanged, seconds, error, problems
        case filesDone = "files_done", filesTotal = "files_total", startedAt = "started_at", finishedAt = "finished_at"
    }

    static let maximumProblems = 50

    mutating func note(_ problem: String) {
        if problems.count < Self.maximumProblems { problems.append(problem) }
    }

    /// Whether the scan changed anything in the catalog.
    var changedCatalog: Bool { added + updated + moved + removed > 0 }
}
