/// The audio file types the library scan picks up, by file extension.
enum AudioFormat {
    /// Lower-case extension -> (format name, MIME type).
    static let byExtension: [String: (name: String, contentType: String)] = [
        "mp3": ("mp3", "audio/mpeg"),
        "flac": ("flac", "audio/flac"),
        "m4a": ("m4a", "audio/mp4"),
        "ogg": ("ogg", "audio/ogg"),
        "oga": ("ogg", "audio/ogg"),
        "opus": ("opus", "audio/ogg; codecs=opus"),
        "wav": ("wav", "audio/wav"),
    ]

    /// The lower-case extension of a path, without the dot.
    static func fileExtension(of path: String) -> String {
        // Over the bytes: `contains("/")` on a Substring is Foundation's range(of:), which
        // was 5 % of a no-change rescan (the walk asks this of every file name).
        guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")), !path.utf8[dot...].contains(UInt8(ascii: "/")) else {
            return ""
        }
        return path[path.index(after: dot)...].lowercased()
    }

    static func isAudio(_ path: String) -> Bool { byExtension[fileExtension(of: path)] != nil }

    static func contentType(of path: String) -> String {
        byExtension[fileExtension(of: path)]?.contentType ?? "application/octet-stream"
    }

    static func name(of path: String) -> String? { byExtension[fileExtension(of: path)]?.name }
}

/// Image files in an album folder that count as its cover, best first.
enum FolderImage {
    static let preferredNames = ["cover", "folder", "front", "album", "albumart"]
    static let extensions: Set<String> = ["jpg", "jpeg", "png", "webp"]

    /// The rank of a file name as a cover (lower is better), or `nil` if it is not one.
    static func rank(of fileName: String) -> Int? {
        let ext = AudioFormat.fileExtension(of: fileName)
        guard extensions.contains(ext) else { return nil }
        let stem = String(fileName.dropLast(ext.count + 1)).lowercased()
        return preferredNames.firstIndex(of: stem)
    }
}
