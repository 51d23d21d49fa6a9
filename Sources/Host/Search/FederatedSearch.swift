import Foundation
import Logging
import SourceAPI

/// How one source did in a federated search.
public struct SourceReport: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case ok, error, timeout
    }

    public var id: String
    public var status: Status
    public var count: Int
    public var elapsedMilliseconds: Int
    public var message: String?

    enum CodingKeys: String, CodingKey {
        case id, status, count, message
        case elapsedMilliseconds = "elapsed_ms"
    }
}

/// What one source answered in a federated search: its hits, how it did, and, when it
/// failed, the whole story for the admin.
struct SourceOutcome: Sendable {
    /// The source's place in the search's list of sources (`plugins.json` order).
    var position: Int
    var candidates: [TrackCandidate]
    var report: SourceReport
    var failure: SourceFailure?
}

/// The answer to one search across sources.
struct SearchAnswer: Sendable {
    var query: String
    var tracks: [Track]
    var sources: [SourceReport]
}

/// Asks every enabled provider at once, each under its own deadline, and merges the
/// answers: library hits first (by relevance), then the other sources in `plugins.json` order.
struct FederatedSearch: Sendable {
    let catalog: Catalog
    let providers: [ConfiguredProvider]
    let errors: SourceErrors
    let logger: Logger

    /// Longest query accepted, in characters.
    public static let maximumQueryLength = 200

    /// `preparingPlayback`: offer the remote sources their top uncached hits to resolve
    /// before a click (off for the command line, which plays nothing).
    func search(
        _ text: String, limit: Int, offset: Int, sources: [String]?, preparingPlayback: Bool = true
    ) async throws -> SearchAnswer {
        let (trimmed, selected) = try prepare(text, sources: sources)
        guard !trimmed.isEmpty else { return SearchAnswer(query: trimmed, tracks: [], sources: []) }

        let query = SearchQuery(text: trimmed, limit: limit, offset: offset)
        let answers = await withTaskGroup(of: SourceOutcome.self) { group in
            for (position, configured) in selected.enumerated() {
                guard let provider = configured.provider else { continue }
                let timeout = configured.entry.searchTimeout
                group.addTask { await Self.ask(provider, position: position, query: query, timeout: timeout) }
            }
            var answers: [SourceOutcome] = []
            for await answer in group { answers.append(answer) }
            return answers.sorted { $0.position < $1.position }
        }
        for answer in answers { note(answer) }

        // Library sources first, then the others, each in its own relevance order.
        let ordered = answers.sorted { lhs, rhs in
            let left = selected[lhs.position].provider?.capabilities.contains(.library) == true ? 0 : 1
            let right = selected[rhs.position].provider?.capabilities.contains(.library) == true ? 0 : 1
            return (left, lhs.position) < (right, rhs.position)
        }
        var seen = Set<String>()
        let tracks = try await self.tracks(of: ordered.flatMap(\.candidates), selected: selected, skipping: &seen)
        if preparingPlayback { await PlaybackWarmup(providers: selected).prepare(tracks) }
        return SearchAnswer(query: trimmed, tracks: tracks, sources: answers.map(\.report))
    }

    /// The query text trimmed and checked, and the sources to ask.
    func prepare(_ text: String, sources: [String]?) throws -> (String, [ConfiguredProvider]) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= Self.maximumQueryLength else {
            throw HostError.invalidInput("the query is longer than \(Self.maximumQueryLength) characters")
        }
        return (trimmed, try select(sources))
    }

    /// Asks one source under its own deadline: its hits (at most `query.limit`) and its report.
    static func ask(_ provider: any SourceProvider, position: Int, query: SearchQuery, timeout: Duration) async -> SourceOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = await withDeadline(timeout) { try await provider.search(query) }
        let elapsed = Int((clock.now - start) / .milliseconds(1))
        let id = provider.id.rawValue
        switch outcome {
        case .value(let candidates):
            let kept = Array(candidates.prefix(query.limit))
            return SourceOutcome(
                position: position, candidates: kept,
                report: SourceReport(id: id, status: .ok, count: kept.count, elapsedMilliseconds: elapsed), failure: nil)
        case .failure(let error):
            let failure = SourceFailure(provider: provider, action: .search, error: error)
            return SourceOutcome(
                position: position, candidates: [],
                report: SourceReport(id: id, status: .error, count: 0, elapsedMilliseconds: elapsed, message: failure.summary),
                failure: failure)
        case .timeout:
            let failure = SourceFailure.timeout(source: id, name: provider.displayName, after: timeout)
            return SourceOutcome(
                position: position, candidates: [],
                report: SourceReport(id: id, status: .timeout, count: 0, elapsedMilliseconds: elapsed, message: failure.summary),
                failure: failure)
        }
    }

    /// Keeps a failure's detail for the admin and the log: users read only the summary.
    func note(_ outcome: SourceOutcome) {
        let report = outcome.report
        guard let failure = outcome.failure else {
            errors.recordSuccess(source: report.id)
            return
        }
        errors.record(source: report.id, message: "search \(report.status.rawValue): \(failure.detail)", summary: failure.summary, action: .search)
        logger.notice("search source did not answer", metadata: ["source": "\(report.id)", "status": "\(report.status)", "detail": "\(failure.detail)"])
    }

    /// The catalog's tracks for `candidates`, in their order, leaving out those in `seen`
    /// (which gains the rest). Library hits are in the catalog already; remote ones are
    /// stored now, so an item keeps one track id for everyone.
    func tracks(of candidates: [TrackCandidate], selected: [ConfiguredProvider], skipping seen: inout Set<String>) async throws -> [Track] {
        let remote = candidates.filter { candidate in
            selected.first { $0.id == candidate.ref.provider }?.provider?.capabilities.contains(.remote) == true
        }
        var known = try await catalog.tracks(for: candidates.map(\.ref))
        known.merge(try await catalog.upsertRemote(remote)) { _, fresh in fresh }
        var tracks: [Track] = []
        for candidate in candidates {
            guard let track = known[candidate.ref], seen.insert(track.id).inserted else { continue }
            tracks.append(track)
        }
        return tracks
    }

    /// The providers a `sources=` list names, or all enabled ones.
    private func select(_ sources: [String]?) throws -> [ConfiguredProvider] {
        let enabled = providers.filter { $0.provider?.capabilities.contains(.search) == true }
        guard let sources, !sources.isEmpty else { return enabled }
        let known = Set(enabled.map(\.id.rawValue))
        if let unknown = sources.first(where: { !known.contains($0) }) {
            throw HostError.invalidInput(
                "unknown or disabled source \"\(unknown)\" in sources; enabled sources: \(known.sorted().joined(separator: ", "))")
        }
        return enabled.filter { sources.contains($0.id.rawValue) }
    }
}
