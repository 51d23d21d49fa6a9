/// The last frames of an MP3 stream made to a promised length, held back while it is sent,
/// so that a stream that ends short can end on a frame from which the rest of the promise is
/// made of silent frames exactly (`SilentMP3Frames.fits`): a small gap often cannot be, and
/// a byte that is not a frame is a decoding error. Ending earlier drops at most the held
/// frames of the track's very end (a few hundred milliseconds), replaced by silence.
///
/// The transcoder's MP3 is bare frames from its first byte (no ID3 tag, no Xing frame), so
/// frames are found by reading each header. If a header cannot be read, nothing more is
/// held and the stream is padded as it is.
struct MP3FrameHoldback {
    /// Bytes of whole frames kept back: more than the largest gap silent frames cannot make
    /// (about 3.7 KB at 32 kHz, the worst sample rate).
    static let holdBytes = 8 * 1024

    private var held: [UInt8] = []
    /// Where frames start in `held` (the first at 0).
    private var frameStarts: [Int] = [0]
    /// Where the next frame header is, in `held`; nil once a header could not be read.
    private var nextFrame: Int? = 0

    /// The first frame header of the stream (4 bytes), once read.
    private(set) var header: [UInt8] = []

    /// Takes the next piece of the stream; returns what can be sent now.
    mutating func take(_ piece: ArraySlice<UInt8>) -> [UInt8] {
        held += piece
        guard var next = nextFrame else { return release(upTo: held.count) }
        while next + 4 <= held.count {
            guard let frame = SilentMP3Frames.FrameHeader(Array(held[next..<next + 4])) else {
                nextFrame = nil
                return release(upTo: held.count)
            }
            if header.isEmpty { header = frame.bytes }
            next += frame.frameBytes
            frameStarts.append(next)
        }
        nextFrame = next
        // Send the frames before the last `holdBytes`.
        guard let cut = frameStarts.last(where: { $0 <= held.count - Self.holdBytes }), cut > 0 else { return [] }
        return release(upTo: cut)
    }

    /// At the end of the stream, with `remaining` bytes of the promise left after what was
    /// sent: the held bytes to send, and how many bytes of padding then fill the promise.
    mutating func finish(remaining: Int64) -> (send: [UInt8], padding: Int64) {
        // Frame ends that are in the stream (not a frame cut short at its end), latest first.
        let ends = frameStarts.filter { $0 <= held.count && $0 <= remaining }.reversed()
        if nextFrame != nil, !header.isEmpty,
           let end = ends.first(where: { SilentMP3Frames.fits(count: remaining - Int64($0), header: header) }) {
            let send = Array(held[..<end])
            return (send, remaining - Int64(end))
        }
        let send = Array(held.prefix(Int(min(Int64(held.count), remaining))))
        return (send, remaining - Int64(send.count))
    }

    /// Everything held, when the stream reached its promised length and is cut there.
    mutating func flush() -> [UInt8] { release(upTo: held.count) }

    private mutating func release(upTo count: Int) -> [UInt8] {
        let out = Array(held[..<count])
        held.removeFirst(count)
        frameStarts = frameStarts.compactMap { $0 >= count ? $0 - count : nil }
        if frameStarts.first != 0 { frameStarts.insert(0, at: 0) }
        nextFrame = nextFrame.map { $0 - count }
        return out
    }
}
