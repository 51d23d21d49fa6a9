import SourceAPI

/// What a scan walks: every library source whole, or only the parts of some sources that
/// their watchers reported changed.
enum ScanRequest: Sendable, Equatable {
    case everything
    case parts([ProviderID: Set<LibraryScope>])

    /// A watcher's notice for one source as a request.
    init(source: ProviderID, change: LibraryChange) {
        switch change {
        case .everything: self = .everything
        case .within(let scopes): self = .parts([source: scopes])
        }
    }

    /// Both requests at once.
    func merged(with other: ScanRequest) -> ScanRequest {
        guard case .parts(let mine) = self, case .parts(let theirs) = other else { return .everything }
        return .parts(mine.merging(theirs) { $0.union($1) })
    }

    /// For one source: `nil` to skip it, `.some(nil)` to walk it whole, else the parts to walk.
    func scopes(for source: ProviderID) -> [LibraryScope]?? {
        switch self {
        case .everything: return .some(nil)
        case .parts(let parts):
            guard let scopes = parts[source] else { return nil }
            let normalized = LibraryScope.normalized(scopes)
            // The root as a whole is the whole library.
            if normalized.contains(LibraryScope(folder: "", recursive: true)) { return .some(nil) }
            return .some(normalized)
        }
    }
}
