import Foundation

/// Whether the library is being scanned, as apps show it (Subsonic's getScanStatus, which
/// any signed-in person may call: it tells nothing private).
extension Administration {
    /// While a scan runs, the files it has dealt with so far; otherwise the library's tracks.
    public func scanStatus() async throws -> ScanStatusView {
        let progress = scanner.progress
        if progress.running {
            return ScanStatusView(scanning: true, count: progress.filesDone, lastScan: nil)
        }
        return ScanStatusView(
            scanning: false, count: try await catalog.libraryTrackCount(sources: librarySources), lastScan: progress.finishedAt)
    }

    /// Starts a scan unless one runs, and answers the status right after (scanning).
    public func startScanAndReport(full: Bool) async throws -> ScanStatusView {
        _ = scanner.start(full: full)
        return try await scanStatus()
    }
}

/// A scan's state in the few figures apps show.
public struct ScanStatusView: Sendable, Equatable {
    public var scanning: Bool
    public var count: Int
    /// When the last scan since the server started finished.
    public var lastScan: Date?
}
