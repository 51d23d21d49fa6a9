/// Points at one item inside one provider: a library-relative path for local files,
/// a video id for YouTube. The pair is what the catalog keys a track by
/// (`source_type`, `remote_id`).
public struct RemoteRef: Hashable, Sendable, Codable, CustomStringConvertible {
    public var provider: ProviderID
    public var id: String

    public init(provider: ProviderID, id: String) {
        self.provider = provider
        self.id = id
    }

    public var description: String { "\(provider):\(id)" }
}
