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

    /// "07 - Title", "07. Title", "07 Title", "1-07 Title" -> (7, "Title"); nil when the
    /// name does not start with a track number. By hand rather than with a Regex: this runs
    /// for every untagged file of a scan, and Swift's Regex costs tens of microseconds a match.
    static func splitTrackNumber(_ name: String) -> (Int, String)? {
        var characters = Substring(name)
        func digits(max: Int) -> Substring? {
            let run = characters.prefix { $0.isASCII && $0.isNumber }
            return run.isEmpty || run.count > max ? nil : run
        }
        // An optional disc prefix: "1-" or "1." before the track number.
        if let disc = digits(max: 2), let separator = characters.dropFirst(disc.count).first, separator == "-" || separator == ".",
           let next = characters.dropFirst(disc.count + 1).first, next.isASCII, next.isNumber {
            characters = characters.dropFirst(disc.count + 1)
        }
        guard let number = digits(max: 3), let value = Int(number) else { return nil }
        var rest = characters.dropFirst(number.count)
        let spaces = rest.prefix { $0 == " " }
        rest = rest.dropFirst(spaces.count)
        if let separator = rest.first, "-.)".contains(separator) {
            rest = rest.dropFirst().drop { $0 == " " }
        } else if spaces.isEmpty {
            return nil
        }
        let title = rest.trimmingCharacters(in: .whitespaces)
        return title.isEmpty ? nil : (value, title)
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

        if let (number, rest) = Self.splitTrackNumber(stem) {
            trackNumber = number
            stem = rest
        }
        // "Artist - Title" in the name itself, where no folder names the artist.
        if artist == nil, let dash = stem.range(of: " - ") {
            let name = stem[..<dash.lowerBound].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty {
                artist = name
                stem = String(stem[dash.upperBound...])
            }
        }
        title = stem.trimmingCharacters(in: .whitespaces).isEmpty ? fileName : stem.trimmingCharacters(in: .whitespaces)
    }
}
