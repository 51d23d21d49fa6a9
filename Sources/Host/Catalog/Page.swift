/// One page of a longer list.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int
    public var limit: Int
    public var offset: Int
}

/// Paging limits shared by every list, so one request cannot ask for the whole catalog.
public enum Paging {
    public static let defaultLimit = 50
    public static let maximumLimit = 500

    /// Checks a requested window; throws `invalidInput` naming the bad parameter.
    public static func validate(limit: Int?, offset: Int?, defaultLimit: Int = Paging.defaultLimit) throws -> (limit: Int, offset: Int) {
        let limit = limit ?? defaultLimit
        let offset = offset ?? 0
        guard (1...maximumLimit).contains(limit) else {
            throw HostError.invalidInput("limit must be between 1 and \(maximumLimit), got \(limit)")
        }
        guard offset >= 0, offset <= 10_000_000 else {
            throw HostError.invalidInput("offset must be between 0 and 10000000, got \(offset)")
        }
        return (limit, offset)
    }
}
