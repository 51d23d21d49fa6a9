/// What a client asks of a track's audio, as the adapters parse it from `/stream` or
/// Subsonic's `stream`: a format (or the original), a bit-rate limit, a start time.
public struct TranscodeRequest: Sendable, Equatable {
    /// The format asked for; `nil` when none was named (or, for Subsonic, one this server
    /// does not make: then the bit-rate limit alone decides).
    public var format: TranscodeFormat?
    /// The original bytes, whatever else was asked (Subsonic's `format=raw`).
    public var original: Bool
    /// The highest bit rate (kbps) the client wants; `nil` (or 0 as sent) for no limit.
    public var maxBitRate: Int?
    /// Seconds into the track to start at (Subsonic's `timeOffset`, the `transcodeOffset`
    /// extension). Only a transcode can start later: an original is sent from its start,
    /// and players seek in it with Range.
    public var timeOffset: Int
    /// Give the stream a `Content-Length` (duration × bit rate) and make the body exactly
    /// that long (Subsonic's `estimateContentLength`).
    public var estimateLength: Bool

    /// The original, as sent when nothing is asked.
    public static let asIs = TranscodeRequest()

    public init(format: TranscodeFormat? = nil, original: Bool = false, maxBitRate: Int? = nil, timeOffset: Int = 0, estimateLength: Bool = false) {
        self.format = format
        self.original = original
        self.maxBitRate = maxBitRate.flatMap { $0 > 0 ? $0 : nil }
        self.timeOffset = max(0, timeOffset)
        self.estimateLength = estimateLength
    }

    /// The highest bit rate a client may ask for, and the furthest start time (a day):
    /// anything above is refused as a mistake rather than clamped silently.
    public static let bitRateLimit = 0...100_000
    public static let timeOffsetLimit = 0...86_400
}
