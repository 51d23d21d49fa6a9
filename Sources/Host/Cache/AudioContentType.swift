/// Audio container types, from a file's first bytes or its extension.
///
/// Remote tools do not always deliver the format that was asked for (yt-dlp falls back
/// to another), so the cache names and serves a download by what its bytes are.
enum AudioContentType {
    static let byExtension: [String: String] = [
        "m4a": "audio/mp4", "mp3": "audio/mpeg", "ogg": "audio/ogg", "opus": "audio/ogg", "webm": "audio/webm",
        "flac": "audio/flac", "wav": "audio/wav", "bin": "application/octet-stream",
    ]

    /// (MIME type, file extension) of the bytes, or nil when they are not recognised.
    static func sniff(_ bytes: [UInt8]) -> (type: String, ext: String)? {
        func has(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if has(Array("ftyp".utf8), at: 4) { return ("audio/mp4", "m4a") }
        if has(Array("OggS".utf8)) { return ("audio/ogg", "ogg") }
        if has([0x1A, 0x45, 0xDF, 0xA3]) { return ("audio/webm", "webm") }
        if has(Array("fLaC".utf8)) { return ("audio/flac", "flac") }
        if has(Array("RIFF".utf8)) { return ("audio/wav", "wav") }
        if has(Array("ID3".utf8)) || (bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0) { return ("audio/mpeg", "mp3") }
        return nil
    }

    /// The type of bytes of no known audio type.
    static let unknown = "application/octet-stream"

    static func type(ofExtension ext: String) -> String { byExtension[ext.lowercased()] ?? unknown }

    /// The type of a catalog format name (`mp3`, `opus`...), as the library serves it.
    static func type(ofFormat format: String) -> String {
        format.lowercased() == "opus" ? "audio/ogg; codecs=opus" : type(ofExtension: format)
    }

    static func fileExtension(of type: String) -> String {
        byExtension.first { $0.value == type && $0.key != "opus" }?.key ?? "bin"
    }
}
