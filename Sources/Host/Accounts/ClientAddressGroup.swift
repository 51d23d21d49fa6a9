import Foundation

/// The key the sign-in and sign-up limits count a client address under. An IPv6 client
/// usually holds a whole /64 (2^64 addresses) and can take a fresh one for every try, so
/// IPv6 addresses count by their /64; an IPv4 address (IPv4-mapped IPv6 included) counts
/// by itself, and anything else (a name, "unknown") as it is written.
enum ClientAddressGroup {
    static func key(for address: String) -> String {
        var text = address.trimmingCharacters(in: CharacterSet(charactersIn: " []"))
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        guard text.contains(":") else { return text }
        var bytes = [UInt8](repeating: 0, count: 16)
        // inet_pton rather than a hand-written parser: it knows every IPv6 spelling ("::", embedded IPv4).
        guard inet_pton(AF_INET6, text, &bytes) == 1 else { return text }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }
}
