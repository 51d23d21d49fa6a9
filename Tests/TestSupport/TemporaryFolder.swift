import Foundation

/// A fresh folder under the system's temporary folder, removed when the value is dropped.
/// Each test gets its own, so suites can run in parallel.
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL

    public init(_ label: String = "test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        url = base.appendingPathComponent("myspotify-\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    public var path: String { url.path }

    public func appending(_ relative: String) -> URL { url.appendingPathComponent(relative) }
}
