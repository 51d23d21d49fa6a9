import Foundation

/// Ids derived from names, so that an album or artist keeps its id across rescans and
/// database rebuilds without a lookup table.
///
/// FNV-1a by hand: a 64-bit non-cryptographic hash is all this needs, and none of the
/// packages in use exposes one (Swift's `Hasher` is seeded per process).
enum StableID {
    static func make(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 { mix(0x1F, into: &hash) }
            for byte in normalized(part).utf8 { mix(byte, into: &hash) }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Case, accents and surrounding spaces do not make a different album.
    static func normalized(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func mix(_ byte: UInt8, into hash: inout UInt64) {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01B3
    }
}
