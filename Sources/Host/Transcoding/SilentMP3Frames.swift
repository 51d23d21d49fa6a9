import Synchronization

/// Silent MPEG audio (Layer III) frames, to lengthen an MP3 stream to the length a client
/// was promised (`estimateContentLength`) without bytes a decoder would choke on.
///
/// A frame whose side information is all zero has no audio data: every decoder plays it as
/// silence. The frames copy the stream's own header (version, sample rate, channel mode), so
/// they continue the stream; their sizes (one per bit rate, each one byte longer with the
/// padding bit) are combined to fill the gap exactly. Not every gap can be made of frames
/// (at 44.1 kHz none of about 1,200 sizes under 2.6 KB can), and any other byte after the
/// last frame is a decoding error: `fits` tells which can, and `MP3FrameHoldback` ends the
/// stream on a frame from which the gap is one. Only a gap that cannot be made is filled
/// with zeros.
enum SilentMP3Frames {
    /// Whether `count` bytes can be made of silent frames continuing the stream whose first
    /// frame header is `header`.
    static func fits(count: Int64, header: [UInt8]) -> Bool {
        count == 0 || plan(count: count, header: header) != nil
    }

    /// How `count` bytes are made: whole frames of the stream's own size, then a tail of
    /// frames that add up to the rest exactly; nil when they cannot be.
    private static func plan(
        count: Int64, header: [UInt8]
    ) -> (stream: FrameHeader, own: FrameSize, fullFrames: Int64, tail: [FrameSize])? {
        guard count > 0, let stream = FrameHeader(header),
              let own = stream.frameSizes().first(where: { $0.bitRateIndex == stream.bitRateIndex && !$0.padded })
        else { return nil }
        let sizes = stream.frameSizes()
        let tableLimit = 16 * 1024
        var fullFrames = count > Int64(tableLimit) ? (count - Int64(tableLimit)) / Int64(own.bytes) + 1 : 0
        var tail = Int(count - fullFrames * Int64(own.bytes))
        // The stream's own frame size first, so that the silence lasts about as long as the
        // real audio those bytes would carry (smallest first would make it 4 times longer).
        let preferred = [own.bytes, own.bytes + 1] + sizes.map(\.bytes).filter { $0 != own.bytes && $0 != own.bytes + 1 }.sorted(by: >)
        let table = Reachable.table(for: preferred, limit: tableLimit)
        while !table.canMake(tail), fullFrames > 0, tail + own.bytes <= tableLimit {
            fullFrames -= 1
            tail += own.bytes
        }
        guard let parts = table.parts(of: tail) else { return nil }
        let tailFrames = parts.compactMap { part in sizes.first(where: { $0.bytes == part }) }
        return (stream, own, fullFrames, tailFrames)
    }

    /// `count` bytes of silent frames continuing the stream whose first frame header is
    /// `header` (4 bytes), handed to `emit` in pieces of about 64 KiB; zeros when `header` is
    /// not an MPEG Layer III header.
    static func pad(count: Int64, header: [UInt8], emit: ([UInt8]) async throws -> Void) async throws {
        guard count > 0 else { return }
        guard let plan = plan(count: count, header: header) else { return try await zeros(count, emit: emit) }
        let frame = plan.stream.silentFrame(plan.own)
        let perPiece = max(1, 64 * 1024 / frame.count)
        var left = plan.fullFrames
        while left > 0 {
            let frames = Int(min(Int64(perPiece), left))
            var piece: [UInt8] = []
            piece.reserveCapacity(frames * frame.count)
            for _ in 0..<frames { piece += frame }
            try await emit(piece)
            left -= Int64(frames)
        }
        let last = plan.tail.flatMap { plan.stream.silentFrame($0) }
        if !last.isEmpty { try await emit(last) }
    }

    /// `count` zero bytes, in pieces of at most 64 KiB.
    static func zeros(_ count: Int64, emit: ([UInt8]) async throws -> Void) async throws {
        var left = count
        while left > 0 {
            let piece = Int(min(64 * 1024, left))
            try await emit([UInt8](repeating: 0, count: piece))
            left -= Int64(piece)
        }
    }

    struct FrameSize {
        var bitRateIndex: Int
        var padded: Bool
        var bytes: Int
    }

    /// The fields of a frame header that silent frames keep.
    struct FrameHeader {
        let bytes: [UInt8]
        let mpeg1: Bool
        let sampleRate: Int
        let bitRateIndex: Int
        let padded: Bool

        init?(_ header: [UInt8]) {
            guard header.count >= 4, header[0] == 0xFF, header[1] & 0xE0 == 0xE0 else { return nil }
            let version = (header[1] >> 3) & 0b11   // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
            let layer = (header[1] >> 1) & 0b11     // 1: Layer III
            let rateIndex = Int((header[2] >> 2) & 0b11)
            let bitRateIndex = Int(header[2] >> 4)
            guard version != 1, layer == 1, rateIndex < 3, (1...14).contains(bitRateIndex) else { return nil }
            let rates: [Int] = switch version {
            case 3: [44100, 48000, 32000]
            case 2: [22050, 24000, 16000]
            default: [11025, 12000, 8000]
            }
            bytes = Array(header.prefix(4))
            mpeg1 = version == 3
            sampleRate = rates[rateIndex]
            self.bitRateIndex = bitRateIndex
            padded = header[2] & 0x02 != 0
        }

        /// The length of the frame this header starts.
        var frameBytes: Int {
            (mpeg1 ? 144_000 : 72_000) * bitRates[bitRateIndex] / sampleRate + (padded ? 1 : 0)
        }

        private var bitRates: [Int] {
            mpeg1 ? [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
                : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
        }

        /// Every frame size this stream's header allows, by bit rate and padding bit.
        func frameSizes() -> [FrameSize] {
            let factor = mpeg1 ? 144_000 : 72_000
            return (1...14).flatMap { index in
                let bytes = factor * bitRates[index] / sampleRate
                return [FrameSize(bitRateIndex: index, padded: false, bytes: bytes),
                        FrameSize(bitRateIndex: index, padded: true, bytes: bytes + 1)]
            }
        }

        /// A frame of `size` with no audio data: the header, then zeros (side information
        /// saying there is nothing, and the space the bit rate gives).
        func silentFrame(_ size: FrameSize) -> [UInt8] {
            var frame = [UInt8](repeating: 0, count: size.bytes)
            frame[0] = 0xFF
            frame[1] = bytes[1] | 0x01   // no CRC follows the header
            frame[2] = UInt8(size.bitRateIndex << 4) | (bytes[2] & 0x0C) | (size.padded ? 0x02 : 0) | (bytes[2] & 0x01)
            frame[3] = bytes[3]
            return frame
        }
    }

    /// Which sums up to `limit` the sizes make, and one way to make each (using the sizes
    /// listed first where it can).
    struct Reachable: Sendable {
        private var last: [Int]   // the size added last to reach each sum; 0 for the empty sum, -1 unreachable

        /// The table for a set of sizes, made once per set (a stream's header fixes it) and kept.
        static func table(for sizes: [Int], limit: Int) -> Reachable {
            made.withLock { tables in
                if let table = tables[sizes] { return table }
                let table = Reachable(sizes: sizes, limit: limit)
                tables[sizes] = table
                return table
            }
        }

        /// Tables made so far: one per sample rate and MPEG version, so at most nine.
        private static let made = Mutex<[[Int]: Reachable]>([:])

        init(sizes: [Int], limit: Int) {
            last = [Int](repeating: -1, count: limit + 1)
            last[0] = 0
            for sum in 1...limit {
                for size in sizes where size <= sum && last[sum - size] >= 0 {
                    last[sum] = size
                    break
                }
            }
        }

        func canMake(_ sum: Int) -> Bool { sum >= 0 && sum < last.count && last[sum] >= 0 }

        func parts(of sum: Int) -> [Int]? {
            guard canMake(sum) else { return nil }
            var parts: [Int] = []
            var rest = sum
            while rest > 0 {
                parts.append(last[rest])
                rest -= last[rest]
            }
            return parts
        }
    }
}
