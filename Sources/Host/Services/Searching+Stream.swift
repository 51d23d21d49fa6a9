import Foundation
import SourceAPI

/// The streamed form of `search`: each source's hits as soon as that source has answered, so
/// the library's are not held back by a slow remote source.
extension Searching {
    /// What a person reads when a source's hits could not be stored or read here.
    static let unreadablePartMessage = "These results could not be read on this server; try again"

    /// Starts the search and answers its stream at once; the same checks as `search` (query
    /// length, known sources) throw here, before any part. Each source keeps its own deadline.
    /// The best artists and albums come first, then the parts.
    public func stream(
        _ text: String, limit: Int, offset: Int, sources: [String]?, for viewer: User? = nil
    ) throws -> SearchStream {
        let (trimmed, selected) = try federated.prepare(text, sources: sources)
        let asked = trimmed.isEmpty ? [] : selected.filter { $0.provider != nil }
        let query = SearchQuery(text: trimmed, limit: limit, offset: offset)
        // The collections, one element per source and the completion: the buffer never drops one.
        let (events, continuation) = AsyncStream.makeStream(of: SearchEvent.self, bufferingPolicy: .bufferingOldest(asked.count + 2))
        let task = Task {
            let reports = await withTaskGroup(of: StreamStep.self) { group in
                group.addTask { .collections(await collectionsOrNone(trimmed, offset: offset, selected: selected, viewer: viewer)) }
                for (position, configured) in asked.enumerated() {
                    guard let provider = configured.provider else { continue }
                    let timeout = configured.entry.searchTimeout
                    group.addTask { .outcome(await FederatedSearch.ask(provider, position: position, query: query, timeout: timeout)) }
                }
                var seen = Set<String>()
                var reports: [Int: SourceReport] = [:]
                // Parts wait for the collections (a catalog read as quick as the library's
                // part), so a page can put artists and albums above the songs without moving them.
                var waiting: [SourceOutcome]? = []
                for await step in group {
                    // The client is gone: nobody reads the rest, and nothing is noted for it.
                    if Task.isCancelled {
                        group.cancelAll()
                        break
                    }
                    let ready: [SourceOutcome]
                    switch step {
                    case .collections(let collections):
                        continuation.yield(.collections(collections))
                        ready = waiting ?? []
                        waiting = nil
                    case .outcome(let outcome):
                        federated.note(outcome)
                        guard waiting == nil else {
                            waiting?.append(outcome)
                            continue
                        }
                        ready = [outcome]
                    }
                    for outcome in ready {
                        let part = await makePart(for: outcome, asked: asked, seen: &seen, viewer: viewer)
                        reports[outcome.position] = part.source
                        continuation.yield(.part(part))
                    }
                }
                return reports
            }
            if !Task.isCancelled {
                continuation.yield(.complete(SearchCompletion(query: trimmed, sources: asked.indices.compactMap { reports[$0] })))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        let named = asked.map { configured in
            SearchStream.Source(id: configured.id.rawValue, isLibrary: configured.provider?.capabilities.contains(.library) == true)
        }
        return SearchStream(query: trimmed, sources: named, events: events)
    }

    /// One source's part: its hits stored (remote ones) and seen by `viewer`; when that
    /// fails, the part says so in a plain sentence and the detail goes to the log.
    private func makePart(
        for outcome: SourceOutcome, asked: [ConfiguredProvider], seen: inout Set<String>, viewer: User?
    ) async -> SearchPart {
        do {
            let tracks = try await federated.tracks(of: outcome.candidates, selected: asked, skipping: &seen)
            // As `search` does: a remote source resolves its top hits before anyone clicks.
            await PlaybackWarmup(providers: asked).prepare(tracks)
            return SearchPart(source: outcome.report, tracks: try await viewing.tracks(tracks, for: viewer?.id))
        } catch {
            federated.logger.error(
                "search results could not be stored", metadata: ["source": "\(outcome.report.id)", "error": "\(error)"])
            var report = outcome.report
            report.status = .error
            report.count = 0
            report.message = Self.unreadablePartMessage
            return SearchPart(source: report, tracks: [])
        }
    }
}

/// What a streamed search's child tasks answer.
private enum StreamStep: Sendable {
    case collections(SearchCollections)
    case outcome(SourceOutcome)
}
