import Foundation

/// What the folder layout says about a file when its tags are silent:
/// `Artist/Album/NN - Title.ext`, `Album/NN Title.ext`, or `Artist - Title.ext`.
struct FolderLayout: Equatable {
    var artist: String?
    var album: String?
    var trackNumber: Int?
    var title: String

    init(artist: String? = nil, album: String? = nil, trackNumber: Int? = nil, title: String) {
        self.artist = artist
        self.album = album
        self.trackNumber = trackNumber
        self.title = title
    }

    /// Parses a library-relative path.
    init(relativePath: String) {
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let fileName = components.last ?? relativePath
        let ext = AudioFormat.fileExtension(of: fileName)
        var stem = ext.isEmpty ? fileName : String(fileName.dropLast(ext.count + 1))
        stem = stem.replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: .whitespaces)

        let folders = components.dropLast()
        album = folders.last
        artist = folders.count >= 2 ? folders[folders.count - 2] : nil

        if let match = stem.wholeMatch(of: /(?:\d{1,2}[-.])?(\d{1,3})\s*(?:[-.)]\s*|\s+)(.+)/) {
            trackNumber = Int(match.1)
            stem = String(match.2)
        }
        // "Artist - Title" in the name itself, where no folder names the artist.
        if artist == nil, let match = stem.wholeMatch(of: /(.+?)\s+-\s+(.+)/) {
            artist = String(match.1).trimmingCharacters(in: .whitespaces)
            stem = String(match.2)
        }
        title = stem.trimmingCharacters(in: .whitespaces).isEmpty ? fileName : stem.trimmingCharacters(in: .whitespaces)
    }
}
