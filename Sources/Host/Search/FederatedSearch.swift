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
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= Self.maximumQueryLength else {
            throw HostError.invalidInput("the query is longer than \(Self.maximumQueryLength) characters")
        }
        let selected = try select(sources)
        guard !trimmed.isEmpty else { return SearchAnswer(query: trimmed, tracks: [], sources: []) }

        let query = SearchQuery(text: trimmed, limit: limit, offset: offset)
        let answers = await withTaskGroup(of: (Int, [TrackCandidate], SourceReport, SourceFailure?).self) { group in
            for (position, configured) in selected.enumerated() {
                guard let provider = configured.provider else { continue }
                let timeout = configured.entry.searchTimeout
                group.addTask {
                    let clock = ContinuousClock()
                    let start = clock.now
                    let outcome = await withDeadline(timeout) { try await provider.search(query) }
                    let elapsed = Int((clock.now - start) / .milliseconds(1))
                    switch outcome {
                    case .value(let candidates):
                        let kept = Array(candidates.prefix(limit))
                        return (position, kept, SourceReport(id: provider.id.rawValue, status: .ok, count: kept.count, elapsedMilliseconds: elapsed), nil)
                    case .failure(let error):
                        let failure = SourceFailure(provider: provider, action: .search, error: error)
                        return (position, [], SourceReport(
                            id: provider.id.rawValue, status: .error, count: 0, elapsedMilliseconds: elapsed, message: failure.summary), failure)
                    case .timeout:
                        let failure = SourceFailure.timeout(source: provider.id.rawValue, name: provider.displayName, after: timeout)
                        return (position, [], SourceReport(
                            id: provider.id.rawValue, status: .timeout, count: 0, elapsedMilliseconds: elapsed, message: failure.summary), failure)
                    }
                }
            }
            var answers: [(Int, [TrackCandidate], SourceReport, SourceFailure?)] = []
            for await answer in group { answers.append(answer) }
            return answers.sorted { $0.0 < $1.0 }
        }
        // Users read the summary in the answer; the detail (tool output) is the admin's.
        for case (_, _, let report, let failure?) in answers {
            errors.record(source: report.id, message: "search \(report.status.rawValue): \(failure.detail)")
            logger.notice("search source did not answer", metadata: ["source": "\(report.id)", "status": "\(report.status)", "detail": "\(failure.detail)"])
        }

        // Library sources first, then the others, each in its own relevance order.
        let ordered = answers.sorted { lhs, rhs in
            let left = selected[lhs.0].provider?.capabilities.contains(.library) == true ? 0 : 1
            let right = selected[rhs.0].provider?.capabilities.contains(.library) == true ? 0 : 1
            return (left, lhs.0) < (right, rhs.0)
        }
        let candidates = ordered.flatMap(\.1)
        // Library hits are in the catalog already; remote ones are stored now, so an item
        // keeps one track id for everyone.
        let remote = candidates.filter { candidate in
            selected.first { $0.id == candidate.ref.provider }?.provider?.capabilities.contains(.remote) == true
        }
        var known = try await catalog.tracks(for: candidates.map(\.ref))
        known.merge(try await catalog.upsertRemote(remote)) { _, fresh in fresh }
        var seen = Set<String>()
        let tracks = candidates.compactMap { candidate -> Track? in
            guard let track = known[candidate.ref], seen.insert(track.id).inserted else { return nil }
            return track
        }
        if preparingPlayback { await PlaybackWarmup(providers: selected).prepare(tracks) }
        return SearchAnswer(query: trimmed, tracks: tracks, sources: answers.map(\.2))
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
