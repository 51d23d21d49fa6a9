import Foundation
import SourceAPI

/// The checks every provider must pass, whatever its source. A provider's test target
/// calls `ProviderConformance(provider:query:).run()` with a query that its test data
/// answers; each failed check throws a `ConformanceFailure` that says what is wrong.
public struct ProviderConformance: Sendable {
    public let provider: any SourceProvider
    /// A query with at least one hit in the provider's test data.
    public let query: String
    /// A well-formed reference id that names nothing in the provider.
    public let unknownID: String

    public init(provider: any SourceProvider, query: String, unknownID: String = "no-such-item-\(UUID().uuidString).mp3") {
        self.provider = provider
        self.query = query
        self.unknownID = unknownID
    }

    public func run() async throws {
        let candidates = try await checkSearch()
        for candidate in candidates.prefix(3) {
            try await checkResolveAndFetch(candidate)
        }
        try await checkUnknownReference()
        try await checkForeignReference()
    }

    /// Search answers well-formed candidates of this provider, within the limit.
    func checkSearch() async throws -> [TrackCandidate] {
        let limit = 5
        let candidates = try await provider.search(SearchQuery(text: query, limit: limit))
        try expect(!candidates.isEmpty, "search for \"\(query)\" returned nothing")
        try expect(candidates.count <= limit, "search returned \(candidates.count) candidates for a limit of \(limit)")
        for candidate in candidates {
            try expect(candidate.ref.provider == provider.id, "candidate \(candidate.ref) names another provider")
            try expect(!candidate.ref.id.isEmpty, "candidate with an empty reference")
            try expect(!candidate.metadata.title.trimmingCharacters(in: .whitespaces).isEmpty, "candidate \(candidate.ref) has no title")
            if let duration = candidate.metadata.duration {
                try expect(duration >= 0 && duration.isFinite, "candidate \(candidate.ref) has duration \(duration)")
            }
        }
        let paged = try await provider.search(SearchQuery(text: query, limit: 1))
        try expect(paged.count <= 1, "search ignored limit 1")
        return candidates
    }

    /// A candidate resolves to metadata with a title, and fetches to real audio.
    func checkResolveAndFetch(_ candidate: TrackCandidate) async throws {
        // Titles may differ between a source's search and its item page; both must exist.
        let metadata = try await provider.resolve(candidate.ref)
        try expect(!metadata.title.trimmingCharacters(in: .whitespaces).isEmpty, "resolve(\(candidate.ref)) gave no title")
        switch try await provider.fetch(candidate.ref) {
        case .file(let url, let contentType):
            try expect(FileManager.default.isReadableFile(atPath: url.path), "fetch(\(candidate.ref)) gave unreadable \(url.path)")
            try expect(contentType.hasPrefix("audio/"), "fetch(\(candidate.ref)) gave content type \(contentType)")
        case .opened(let file, let contentType):
            try expect(file.size > 0 && file.realPath.hasPrefix("/"), "fetch(\(candidate.ref)) opened \(file.realPath), \(file.size) bytes")
            try expect(contentType.hasPrefix("audio/"), "fetch(\(candidate.ref)) gave content type \(contentType)")
        case .stream(let contentType, _, let bytes):
            try expect(contentType.hasPrefix("audio/"), "fetch(\(candidate.ref)) gave content type \(contentType)")
            var iterator = bytes.makeAsyncIterator()
            let first = try await iterator.next()
            try expect(first?.isEmpty == false, "fetch(\(candidate.ref)) streamed no bytes")
        }
    }

    /// An unknown reference fails with `notFound` from resolve, and from fetch (a remote
    /// provider may only learn it once its stream starts: then the stream fails with it).
    func checkUnknownReference() async throws {
        let unknown = RemoteRef(provider: provider.id, id: unknownID)
        try await expectError(ProviderError.notFound(unknown), "resolve") { _ = try await provider.resolve(unknown) }
        try await expectError(ProviderError.notFound(unknown), "fetch") {
            if case .stream(_, _, let bytes) = try await provider.fetch(unknown) {
                for try await _ in bytes {}
            }
        }
    }

    /// A reference of another provider is refused as invalid, never served.
    func checkForeignReference() async throws {
        let foreign = RemoteRef(provider: ProviderID("other-\(provider.id)"), id: "x")
        do {
            _ = try await provider.fetch(foreign)
            throw ConformanceFailure("fetch accepted a reference of another provider")
        } catch ProviderError.invalidReference {
        }
    }

    private func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure("\(provider.id): \(message())") }
    }

    private func expectError(_ expected: ProviderError, _ what: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
            throw ConformanceFailure("\(provider.id): \(what) of an unknown reference succeeded")
        } catch let error as ProviderError {
            try expect(error == expected, "\(what) of an unknown reference threw \(error), expected \(expected)")
        }
    }
}

public struct ConformanceFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
