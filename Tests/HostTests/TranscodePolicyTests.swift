@testable import Host
import Testing

/// When a stream is the original and when a transcode, and to what.
@Suite("What a stream request gets: the original or a transcode")
struct TranscodePolicyTests {
    typealias Plan = TranscodePolicy.Plan

    static func plan(_ suffix: String?, _ kbps: Int?, _ request: TranscodeRequest) -> Plan {
        TranscodePolicy.plan(suffix: suffix, kbps: kbps, asked: request)
    }

    @Test("nothing asked, raw, and maxBitRate=0 alone are the original")
    func original() {
        #expect(Self.plan("flac", 900, .asIs) == .original)
        #expect(Self.plan("flac", 900, TranscodeRequest(format: .opus, original: true, maxBitRate: 64)) == .original)
        #expect(Self.plan("flac", 900, TranscodeRequest(maxBitRate: 0)) == .original)
    }

    @Test("a source already in an accepted format at or below the limit is sent as it is")
    func alreadyLow() {
        #expect(Self.plan("mp3", 128, TranscodeRequest(format: .mp3, maxBitRate: 192)) == .original)
        #expect(Self.plan("mp3", 128, TranscodeRequest(format: .mp3, maxBitRate: 128)) == .original)
        #expect(Self.plan("opus", 96, TranscodeRequest(format: .opus)) == .original)
        #expect(Self.plan("m4a", 128, TranscodeRequest(format: .aac, maxBitRate: 160)) == .original)
        // No format named: any format is accepted.
        #expect(Self.plan("ogg", 112, TranscodeRequest(maxBitRate: 128)) == .original)
    }

    @Test("above the limit, or in another format, is transcoded at the limit or the format's default")
    func transcodes() {
        #expect(Self.plan("flac", 900, TranscodeRequest(format: .mp3, maxBitRate: 128)) == .transcode(.init(format: .mp3, kbps: 128, timeOffset: 0)))
        #expect(Self.plan("flac", 900, TranscodeRequest(format: .opus)) == .transcode(.init(format: .opus, kbps: 96, timeOffset: 0)))
        #expect(Self.plan("flac", 900, TranscodeRequest(format: .mp3)) == .transcode(.init(format: .mp3, kbps: 192, timeOffset: 0)))
        #expect(Self.plan("flac", 900, TranscodeRequest(format: .aac)) == .transcode(.init(format: .aac, kbps: 160, timeOffset: 0)))
        // A limit alone: MP3, which every player decodes.
        #expect(Self.plan("flac", 900, TranscodeRequest(maxBitRate: 128)) == .transcode(.init(format: .mp3, kbps: 128, timeOffset: 0)))
        #expect(Self.plan("mp3", 320, TranscodeRequest(maxBitRate: 128)) == .transcode(.init(format: .mp3, kbps: 128, timeOffset: 0)))
        // An unknown source rate cannot be shown to be within the limit.
        #expect(Self.plan("m4a", nil, TranscodeRequest(maxBitRate: 128)) == .transcode(.init(format: .mp3, kbps: 128, timeOffset: 0)))
    }

    @Test("the rate stays within the format's range and never above the source's")
    func rates() {
        #expect(Self.plan("flac", 900, TranscodeRequest(format: .mp3, maxBitRate: 5000)) == .transcode(.init(format: .mp3, kbps: 320, timeOffset: 0)))
        #expect(Self.plan("flac", 900, TranscodeRequest(format: .opus, maxBitRate: 8)) == .transcode(.init(format: .opus, kbps: 16, timeOffset: 0)))
        // A 64 kbps AAC to Opus is not inflated to Opus's default 96.
        #expect(Self.plan("m4a", 64, TranscodeRequest(format: .opus)) == .transcode(.init(format: .opus, kbps: 64, timeOffset: 0)))
    }

    @Test("a start time always needs a transcode; raw still wins")
    func offset() {
        #expect(Self.plan("mp3", 128, TranscodeRequest(format: .mp3, maxBitRate: 192, timeOffset: 30)) == .transcode(.init(format: .mp3, kbps: 128, timeOffset: 30)))
        #expect(Self.plan("flac", 900, TranscodeRequest(timeOffset: 30)) == .transcode(.init(format: .mp3, kbps: 192, timeOffset: 30)))
        #expect(Self.plan("flac", 900, TranscodeRequest(original: true, timeOffset: 30)) == .original)
    }

    @Test("songs above 320 kbps list MP3 as what a limited stream becomes; MP3s and small files list nothing")
    func transcodedSuffix() {
        #expect(TranscodePolicy.formatWhenLimited(suffix: "flac", kbps: 900) == .mp3)
        #expect(TranscodePolicy.formatWhenLimited(suffix: "wav", kbps: 1411) == .mp3)
        #expect(TranscodePolicy.formatWhenLimited(suffix: "mp3", kbps: 320) == nil)
        #expect(TranscodePolicy.formatWhenLimited(suffix: "m4a", kbps: 256) == nil)
        #expect(TranscodePolicy.formatWhenLimited(suffix: "flac", kbps: nil) == nil)
    }

    @Test("the length estimate is duration × bit rate with the container's share")
    func estimate() {
        let estimate = TranscodeFormat.mp3.estimatedLength(seconds: 200, kbps: 128)
        // 200 s × 16 000 bytes/s = 3.2 MB, within a few percent.
        #expect(estimate >= 3_200_000 && estimate <= 3_300_000)
        #expect(TranscodeFormat.opus.estimatedLength(seconds: 0, kbps: 96) > 0)
    }
}
