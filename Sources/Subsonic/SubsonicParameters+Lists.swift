import Host

/// The parameters every list method reads the same way: how many, from where, and ids.
extension SubsonicParameters {
    /// A list's length (`size`, `count`): `defaultValue` when absent; more than the most a
    /// list holds is that most, as Navidrome answers, since apps ask for large pages and
    /// expect the server's cap; less than 1 is an error.
    func count(_ name: String, default defaultValue: Int) throws -> Int {
        guard let value = try int(name) else { return defaultValue }
        guard value >= 1 else { throw SubsonicError(.generic, "\(name) must be 1 or more, got \(value)") }
        return min(value, Paging.maximumLimit)
    }

    /// Where a page starts (`offset`), 0 when absent.
    func offset() throws -> Int {
        try int("offset", in: 0...10_000_000) ?? 0
    }

    /// A required id. One longer than any id this server makes names nothing, and is not
    /// echoed back in the error.
    func id(_ name: String = "id") throws -> String {
        let value = try required(name)
        guard value.count <= Self.longestID else { throw SubsonicError(.notFound, "Nothing has that \(name) on this server") }
        return value
    }

    /// Ids here are 16 hex digits (albums, artists) or UUIDs (tracks); room to spare.
    static let longestID = 100
}
