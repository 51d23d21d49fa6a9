import Foundation
import SourceAPI

/// The lyrics of tracks, from the providers that have them (the library: `.lrc` sidecar
/// files and embedded tags). Remote tracks have none for now: no remote source offers them.
/// Lyrics are not personal: every signed-in person gets the same answer.
public struct LyricsService: Sendable {
    let catalog: Catalog
    let providers: [ProviderID: any SourceProvider]

    /// The most sets of lyrics answered for one track, and lines in one set: what a
    /// provider returns beyond is cut, so no answer grows without bound.
    public static let maximumSets = 8
    public static let maximumLines = 5_000
    /// Tracks with the asked title and artist tried by `lyrics(artist:title:)`.
    static let maximumCandidates = 10

    /// The lyrics of one track, synced ones first; none (not an error) when it has none.
    public func lyrics(trackID: String) async throws -> TrackLyrics {
        let track = try await catalog.track(id: trackID)
        return TrackLyrics(track: track, sets: try await sets(of: track))
    }

    /// The lyrics of the first of a few tracks titled `title` by `artist` (or with that album
    /// artist; any artist when nil) that has some, library tracks first: Subsonic's
    /// getLyrics. Titles and artists compare without regard to ASCII case.
    public func lyrics(artist: String?, title: String?) async throws -> TrackLyrics? {
        guard let title = Self.searchable(title) else { return nil }
        let candidates = try await catalog.tracks(titled: title, by: Self.searchable(artist), limit: Self.maximumCandidates)
        for track in candidates {
            let sets = try await sets(of: track)
            if !sets.isEmpty { return TrackLyrics(track: track, sets: sets) }
        }
        return nil
    }

    private func sets(of track: Track) async throws -> [Lyrics] {
        guard let provider = providers[track.ref.provider] as? any LyricsProviding else { return [] }
        let found: [Lyrics]
        do {
            found = try await provider.lyrics(for: track.ref)
        } catch ProviderError.notFound {
            // The file went away since the scan: no lyrics, and the next scan drops the track.
            return []
        } catch {
            throw HostError.from(error, provider: provider, action: .download)
        }
        return found.prefix(Self.maximumSets).map { set in
            var bounded = set
            bounded.lines = Array(set.lines.prefix(Self.maximumLines))
            return bounded
        }
    }

    /// A title or artist worth looking for: trimmed, not empty, not longer than any tag.
    private static func searchable(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty, trimmed.count <= 1_000 else {
            return nil
        }
        return trimmed
    }
}

/// A track and its lyrics.
public struct TrackLyrics: Sendable {
    public var track: Track
    /// Synced sets first; empty when the track has none.
    public var sets: [Lyrics]
}
