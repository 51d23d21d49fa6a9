import Foundation
import Logging

/// Streams as players ask for them: the original, or a transcode made with ffmpeg as it is
/// sent (opus, mp3, aac), for `/stream/{id}` and Subsonic's `stream` alike.
///
/// What is sent is `TranscodePolicy`'s rule. A transcode takes one of
/// `Settings.maximumConcurrent` slots before anything is sent; when none is free the request
/// waits up to `Settings.wait` in a bounded line, then is refused (`HostError.busy`: the
/// server stays responsive and no ffmpeg piles up). A remote track transcodes from its
/// cache file, or from the download while it is still being fetched.
public struct Transcoding: Sendable {
    /// How transcodes run; the defaults suit a Raspberry Pi 5.
    public struct Settings: Sendable {
        /// The ffmpeg command (a name looked up in `PATH`, or a path); `MYSPOTIFY_FFMPEG`.
        public var ffmpeg = "ffmpeg"
        /// Transcodes running at once; `MYSPOTIFY_MAX_TRANSCODES`.
        public var maximumConcurrent = 4
        /// Requests waiting for a slot; any more are refused at once.
        public var maximumWaiting = 16
        /// How long a request waits for a slot before it is refused.
        public var wait: Duration = .seconds(5)
        public init() {}
    }

    let catalog: Catalog
    let streams: StreamResolver
    let slots: TranscodeSlots
    let running: RunningTranscodes
    let transcoder: Transcoder
    let logger: Logger

    init(catalog: Catalog, streams: StreamResolver, settings: Settings, logger: Logger) {
        // A write to an ffmpeg that has exited must fail as an error, not end the server
        // with SIGPIPE (the default action of that signal).
        signal(SIGPIPE, SIG_IGN)
        self.catalog = catalog
        self.streams = streams
        self.logger = logger
        slots = TranscodeSlots(limit: settings.maximumConcurrent, maximumWaiting: settings.maximumWaiting, wait: settings.wait)
        let running = RunningTranscodes()
        self.running = running
        transcoder = Transcoder(ffmpeg: settings.ffmpeg, running: running, logger: logger)
    }

    /// The audio a stream request for `trackID` gets, as `request` asks (see
    /// `TranscodePolicy`). A transcode holds a slot until its stream ends, unless
    /// `reserve` is false (a HEAD request, which runs no ffmpeg).
    public func open(trackID: String, asked request: TranscodeRequest, reserve: Bool = true) async throws -> TrackAudio {
        let track = try await catalog.track(id: trackID)
        guard case .transcode(let target) = TranscodePolicy.plan(for: track, asked: request) else {
            return .original(try await streams.open(track))
        }
        if let duration = track.duration, duration > 0, target.timeOffset >= duration {
            throw HostError.invalidInput("timeOffset \(target.timeOffset) is past the end of this \(duration)-second track")
        }
        // The slot first: a busy server starts no download for a stream it will refuse.
        let slot = reserve ? try await slots.acquire() : nil
        let source = try await streams.open(trackID: trackID)
        let promised = request.estimateLength
            ? track.duration.map { target.format.estimatedLength(seconds: $0 - target.timeOffset, kbps: target.kbps) } : nil
        return .transcoded(TranscodedAudio(
            target: target, promisedLength: promised, source: source, sourceSuffix: track.fileSuffix, transcoder: transcoder,
            slot: slot, logger: logger))
    }

    /// Transcodes holding a slot now (running, or answered and about to run).
    public var slotsInUse: Int { slots.inUse }

    /// ffmpeg processes running now.
    public var runningCount: Int { running.count }

    /// Ends every running transcode (their streams fail). Called when the server stops.
    public func stopAll() {
        running.stopAll()
    }
}
