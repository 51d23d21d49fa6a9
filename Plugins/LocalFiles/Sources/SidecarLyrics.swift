import Foundation
import SourceAPI

/// An `.lrc` file next to the audio file with the same name (`Song.lrc` beside `Song.mp3`),
/// read when asked for (so a file added or fixed later shows at once, with no rescan).
enum SidecarLyrics {
    /// The names tried, in order, for the audio file `path`.
    static func candidates(for path: String) -> [String] {
        let base = (path as NSString).deletingPathExtension
        return [base + ".lrc", base + ".LRC"]
    }

    /// The lyrics of the first sidecar that exists and is a regular file inside `roots`
    /// (a link out of the library is not read), of which at most `LyricsText.maximumBytes`
    /// are read.
    static func read(for path: String, roots: LibraryRoots) -> Lyrics? {
        for candidate in candidates(for: path) {
            guard let file = try? OpenedFile(path: candidate), roots.contains(realPath: file.realPath) else { continue }
            let bytes = file.read(at: 0, count: Int(min(file.size, Int64(LyricsText.maximumBytes))))
            return LRCParser.parse(LyricsText.decode(bytes), origin: .sidecar)
        }
        return nil
    }
}
