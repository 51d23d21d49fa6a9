/// A format this server transcodes to: what it is called in requests, its MIME type and file
/// suffix, the bit rates it is made at, and how ffmpeg makes it as a stream.
///
/// Each is a container that can be written to a pipe and played while it arrives: Ogg for
/// Opus, bare MPEG frames for MP3, ADTS frames for AAC (an MP4 file needs its index
/// written at the end, or a fragmented layout some players refuse).
public enum TranscodeFormat: String, Sendable, CaseIterable, Equatable {
    case opus, mp3, aac

    /// The format a client gets when it limits the bit rate without naming one: the one every
    /// player decodes (iOS players cannot play Ogg).
    public static let whenUnnamed = TranscodeFormat.mp3

    /// The `Content-Type` of the stream.
    public var contentType: String {
        switch self {
        case .opus: "audio/ogg; codecs=opus"
        case .mp3: "audio/mpeg"
        case .aac: "audio/aac"
        }
    }

    /// The file suffix of the stream (Subsonic's `transcodedSuffix`).
    public var suffix: String { rawValue }

    /// The bit rate (kbps) when a client names the format but no bit rate: a transparent
    /// quality for each codec at a fraction of a lossless file.
    public var defaultBitRate: Int {
        switch self {
        case .opus: 96
        case .mp3: 192
        case .aac: 160
        }
    }

    /// The bit rates (kbps) the encoder is run at; an asked rate outside is brought inside.
    public var bitRates: ClosedRange<Int> {
        switch self {
        case .opus: 16...256
        case .mp3: 32...320
        case .aac: 32...320
        }
    }

    /// Source file suffixes that already are this format: a source in one of them, at or
    /// below the bit rate asked, is sent as it is. (An `.m4a` is AAC in nearly every
    /// library; an ALAC one is lossless, far above any rate asked, and so transcoded.)
    var sourceSuffixes: Set<String> {
        switch self {
        case .opus: ["opus"]
        case .mp3: ["mp3"]
        case .aac: ["aac", "m4a"]
        }
    }

    /// The encoder and muxer arguments for `kbps`. Opus runs in constrained VBR, which keeps
    /// the average at the rate asked (so a length estimate holds); LAME's `-b:a` is CBR.
    func encoderArguments(kbps: Int) -> [String] {
        switch self {
        case .opus: ["-c:a", "libopus", "-b:a", "\(kbps)k", "-vbr", "constrained", "-f", "ogg"]
        case .mp3: ["-c:a", "libmp3lame", "-b:a", "\(kbps)k", "-f", "mp3", "-id3v2_version", "0", "-write_xing", "0"]
        case .aac: ["-c:a", "aac", "-b:a", "\(kbps)k", "-f", "adts"]
        }
    }

    /// What the container adds to the codec's bit rate, as a factor, measured on ffmpeg 5.1
    /// (60 s of FLAC: Ogg pages +1.1 %, ADTS headers +1.6 % at 160 kbps, MP3 nothing), with a
    /// margin (Opus's constrained VBR drifts a little above its rate on dense music) so that
    /// the estimate is rarely below the real size: a stream is then padded, not cut.
    var containerOverhead: Double {
        switch self {
        case .opus: 1.03
        case .mp3: 1.003
        case .aac: 1.025
        }
    }

    /// The bytes a stream of `seconds` at `kbps` takes, about: the `Content-Length` given
    /// when a client asks for an estimate. The body is then made exactly this long. The
    /// catalog's durations are whole seconds, rounded: half a second is added, so that the
    /// rounding never makes the estimate short.
    public func estimatedLength(seconds: Int, kbps: Int) -> Int64 {
        let payload = (Double(max(0, seconds)) + 0.5) * Double(kbps) * 1000 / 8 * containerOverhead
        // The stream's headers (Ogg's identification and comment pages).
        return Int64(payload.rounded(.up)) + 1024
    }
}
