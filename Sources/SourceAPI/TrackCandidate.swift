/// One search hit from a provider: where it lives and what it is.
public struct TrackCandidate: Sendable, Hashable {
    public var ref: RemoteRef
    public var metadata: TrackMetadata
    /// A URL for artwork the provider knows of (remote thumbnails), if any.
    public var artworkURL: String?

    public init(ref: RemoteRef, metadata: TrackMetadata, artworkURL: String? = nil) {
        self.ref = ref
        self.metadata = metadata
        self.artworkURL = artworkURL
    }
}
