import SourceAPI

extension HostError {
    /// A provider's failure as the host reports it, decided here once for every service:
    /// an item the source does not have is "not found", a reference it could never have
    /// issued a bad request, a file it will not serve "gone", and anything else the
    /// source's failure, said plainly for users with the detail kept for admins.
    static func from(_ error: any Error, provider: any SourceProvider, action: SourceFailure.Action) -> HostError {
        switch error {
        case let error as HostError:
            return error
        case ProviderError.notFound(let ref):
            return .notFound(kind: "item in source \(ref.provider)", id: ref.id)
        case ProviderError.invalidReference(_, let reason):
            return .invalidInput(reason)
        // The reason may name paths: it is for the log, not for the client.
        case ProviderError.notPlayable(let ref, _):
            return .gone("item \(ref.id) of source \(ref.provider) cannot be played")
        case let failure as SourceFailure:
            return .sourceFailed(failure)
        default:
            return .sourceFailed(SourceFailure(provider: provider, action: action, error: error))
        }
    }
}
