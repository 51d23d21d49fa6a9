/// The errors a provider reports. The host maps each one to a user-facing answer
/// (404 for `.notFound`, 502 for `.unavailable`...).
public enum ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No item with this reference exists (any more) in the provider.
    case notFound(RemoteRef)
    /// The reference is not one this provider could ever have issued.
    case invalidReference(RemoteRef, reason: String)
    /// The provider could not do the work now (a tool failed, a network error).
    case unavailable(String)
    /// The item is known but its bytes are not ones the provider will serve: a library file
    /// that became a link out of the library, a device, or no longer audio. `reason` is for
    /// the admin (it may name paths); users are told only that the track cannot be played.
    case notPlayable(RemoteRef, reason: String)

    public var description: String {
        switch self {
        case .notFound(let ref): "no item \(ref.id) in source \(ref.provider)"
        case .invalidReference(let ref, let reason): "invalid reference \(ref.id) for source \(ref.provider): \(reason)"
        case .unavailable(let message): message
        case .notPlayable(let ref, let reason): "item \(ref.id) of source \(ref.provider) cannot be played: \(reason)"
        }
    }
}
