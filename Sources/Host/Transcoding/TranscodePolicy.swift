/// The rule that decides, for one track and one request, whether the original is sent or a
/// transcode, and to what. Both adapters ask it, so `/stream` and Subsonic's `stream` agree.
///
/// - `original` (`format=raw`), or no format, no bit-rate limit and no start time: the
///   original, with Range.
/// - A source already in an accepted format (the one named, or any when none is) at or
///   below the limit (or with no limit), starting at 0: the original, with Range.
/// - Otherwise a transcode to the format named (MP3 when none is), at the limit (the
///   format's default bit rate without one), brought within the format's range, and never
///   above the source's own bit rate (a 64 kbps source is not inflated to 192 kbps).
/// - A start time (`timeOffset`) always needs a transcode: an original cannot start later.
public enum TranscodePolicy {
    /// What a stream request gets.
    public enum Plan: Sendable, Equatable {
        case original
        case transcode(TranscodeTarget)
    }

    public static func plan(for track: Track, asked request: TranscodeRequest) -> Plan {
        plan(suffix: track.fileSuffix, kbps: sourceBitRate(of: track), asked: request)
    }

    /// The plan for a source of file suffix `suffix` at `source` kbps (each nil when unknown).
    static func plan(suffix: String?, kbps source: Int?, asked request: TranscodeRequest) -> Plan {
        if request.original { return .original }
        if request.format == nil, request.maxBitRate == nil, request.timeOffset == 0 { return .original }
        let suffix = suffix ?? ""
        let accepted = request.format.map { $0.sourceSuffixes.contains(suffix) } ?? true
        let withinLimit = request.maxBitRate.map { limit in source.map { $0 <= limit } ?? false } ?? true
        if request.timeOffset == 0, accepted, withinLimit { return .original }
        let format = request.format ?? TranscodeFormat.whenUnnamed
        var kbps = request.maxBitRate ?? format.defaultBitRate
        if let source { kbps = min(kbps, source) }
        kbps = min(max(kbps, format.bitRates.lowerBound), format.bitRates.upperBound)
        return .transcode(TranscodeTarget(format: format, kbps: kbps, timeOffset: request.timeOffset))
    }

    /// The format a Subsonic song lists as `transcodedSuffix`: what `stream` sends for it
    /// when a client limits the bit rate (apps offer 32 to 320 kbps) without naming a
    /// format. Only songs above 320 kbps (lossless files) are transcoded at every limit an
    /// app can set; an MP3 stays MP3, so it lists none.
    public static func formatWhenLimited(_ track: Track) -> TranscodeFormat? {
        formatWhenLimited(suffix: track.fileSuffix, kbps: sourceBitRate(of: track))
    }

    static func formatWhenLimited(suffix: String?, kbps source: Int?) -> TranscodeFormat? {
        guard let source, source > TranscodeFormat.whenUnnamed.bitRates.upperBound else { return nil }
        let format = TranscodeFormat.whenUnnamed
        return format.sourceSuffixes.contains(suffix ?? "") ? nil : format
    }

    /// The source's bit rate (kbps): the catalog's, else its size over its duration;
    /// `nil` for a remote track not downloaded yet that its source did not describe.
    static func sourceBitRate(of track: Track) -> Int? {
        if let rate = track.bitrate, rate > 0 { return rate }
        guard let size = track.fileSize, size > 0, let seconds = track.duration, seconds > 0 else { return nil }
        return Int((Double(size) * 8 / 1000 / Double(seconds)).rounded(.up))
    }
}

/// A transcode to make: the format, its bit rate (kbps) and where in the track it starts.
public struct TranscodeTarget: Sendable, Equatable {
    public var format: TranscodeFormat
    public var kbps: Int
    /// Seconds into the track.
    public var timeOffset: Int
}
