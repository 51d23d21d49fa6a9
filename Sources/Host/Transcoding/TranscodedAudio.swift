import Foundation
import Logging

/// A track's audio as a stream request gets it: the original (served with Range), or a
/// transcode.
public enum TrackAudio: Sendable {
    case original(PlayableAudio)
    case transcoded(TranscodedAudio)
}

/// A transcode ready to run: its target and type, the length promised (when the client
/// asked for one), and the source it reads. It holds its transcoding slot (when it was given
/// one) until `stream` ends, or until it is dropped unstarted.
public final class TranscodedAudio: Sendable {
    public let target: TranscodeTarget
    /// The `Content-Length` to send: duration × bit rate, when the client asked for an
    /// estimate and the track's duration is known. The body is then exactly this long.
    public let promisedLength: Int64?
    let source: PlayableAudio
    /// The source's file suffix, for the demuxer (a growing download's is read from its bytes).
    let sourceSuffix: String?
    let transcoder: Transcoder
    let slot: TranscodeSlot?
    let logger: Logger

    init(
        target: TranscodeTarget, promisedLength: Int64?, source: PlayableAudio, sourceSuffix: String?, transcoder: Transcoder,
        slot: TranscodeSlot?, logger: Logger
    ) {
        self.target = target
        self.promisedLength = promisedLength
        self.source = source
        self.sourceSuffix = sourceSuffix
        self.transcoder = transcoder
        self.slot = slot
        self.logger = logger
    }

    public var contentType: String { target.format.contentType }

    /// Runs the transcode, handing each piece of the stream to `deliver` as ffmpeg makes it
    /// (at the pace `deliver` takes it). With a promised length, the stream is cut there if
    /// it is longer and padded to it if it is shorter: with silent frames for MP3 (after its
    /// last whole frame that leaves a gap they can fill, `MP3FrameHoldback`), zeros
    /// otherwise (Ogg and ADTS readers skip bytes that are not a page or a frame). Throws
    /// when the transcode fails, the download it reads fails, or `deliver` throws.
    public func stream(into deliver: ([UInt8]) async throws -> Void) async throws {
        defer { slot?.release() }
        let (input, suffix) = try await openInput()
        guard let demuxer = Transcoder.demuxer(forSuffix: suffix) else {
            throw HostError.unavailable("this server cannot transcode a .\(suffix) file")
        }
        guard let promised = promisedLength else {
            return try await transcoder.run(input, demuxer: demuxer, target: target) { try await deliver(Array($0)) }
        }
        var sent: Int64 = 0
        var taken: Int64 = 0
        // An MP3 is padded with silent frames, which must follow a whole frame.
        var holdback = target.format == .mp3 ? MP3FrameHoldback() : nil
        do {
            try await transcoder.run(input, demuxer: demuxer, target: target) { piece in
                let take = piece.prefix(Int(min(Int64(piece.count), promised - taken)))
                taken += Int64(take.count)
                let out = holdback?.take(take) ?? Array(take)
                if !out.isEmpty { try await deliver(out) }
                sent += Int64(out.count)
                if taken >= promised { throw LengthReached() }
            }
        } catch is LengthReached {
            logger.debug("a transcode was longer than its estimate and was cut there", metadata: ["bytes": "\(promised)"])
            if let rest = holdback?.flush(), !rest.isEmpty { try await deliver(rest) }
            return
        }
        guard var holdback else { return try await SilentMP3Frames.zeros(promised - sent, emit: deliver) }
        let end = holdback.finish(remaining: promised - sent)
        if !end.send.isEmpty { try await deliver(end.send) }
        try await SilentMP3Frames.pad(count: end.padding, header: holdback.header, emit: deliver)
    }

    /// Thrown by `deliver` to stop ffmpeg once the promised length is sent.
    private struct LengthReached: Error {}

    /// What ffmpeg reads, and the type of the bytes. A download in progress is read as it
    /// grows, unless it is an MP4 with its index at the end: that is read once complete.
    private func openInput() async throws -> (Transcoder.Input, String) {
        switch source {
        case .file(let file):
            return (.file(file.reader), sourceSuffix ?? AudioContentType.fileExtension(of: file.contentType))
        case .growing(let growing):
            let first = try await growing.waitForStart()
            let suffix = AudioContentType.fileExtension(of: first.contentType)
            guard suffix == "m4a" else { return (.growing(growing), suffix) }
            let reader = try growing.openReader()
            let streamable = try await MP4Layout.indexFirst { offset, count in
                let snapshot = await growing.waitForBytes(beyond: offset + Int64(count) - 1)
                if let failure = snapshot.failure { throw failure }
                return try await reader.read(at: offset, count: count)
            }
            if streamable == true { return (.growing(growing), suffix) }
            _ = try await growing.waitForCompletion()
            return (.file(try growing.openReader()), suffix)
        }
    }
}
