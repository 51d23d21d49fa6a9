/// Whether an MP4 file can be read from its start as it arrives: its index (`moov`) must
/// come before its media data (`mdat`). ffmpeg reading a pipe cannot jump to an index at
/// the end, so such a download is transcoded once it is complete.
enum MP4Layout {
    /// Walks the top-level boxes from the start of the file through `read(offset, count)`
    /// (which answers fewer bytes at the end of what exists): true when `moov` comes first,
    /// false when `mdat` does (or the layout is broken), nil when the bytes so far do not
    /// tell. Looks at most `limit` bytes in.
    static func indexFirst(limit: Int64 = 1024 * 1024, read: (Int64, Int) async throws -> [UInt8]) async throws -> Bool? {
        var offset: Int64 = 0
        while offset < limit {
            let header = try await read(offset, 16)
            guard header.count >= 8 else { return nil }
            var size = Int64(header[0]) << 24 | Int64(header[1]) << 16 | Int64(header[2]) << 8 | Int64(header[3])
            let type = String(decoding: header[4..<8], as: UTF8.self)
            if type == "moov" { return true }
            if type == "mdat" { return false }
            if size == 1 {
                guard header.count >= 16 else { return nil }
                size = header[8..<16].reduce(Int64(0)) { $0 << 8 | Int64($1) }
            }
            // A box "to the end of the file" or smaller than its own header: no index ahead.
            guard size >= 8 else { return false }
            offset += size
        }
        return false
    }
}
