/// A free-text search as a user typed it, with paging.
///
/// The text is plain words: a provider must never interpret characters in it as
/// query syntax (quotes, `*`, `-`, `NEAR`...).
public struct SearchQuery: Sendable, Hashable {
    public var text: String
    public var limit: Int
    public var offset: Int

    public init(text: String, limit: Int = 20, offset: Int = 0) {
        self.text = text
        self.limit = limit
        self.offset = offset
    }
}
