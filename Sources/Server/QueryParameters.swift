import Foundation
import HTTPSupport
import Host
import Hummingbird

/// Typed reading of query parameters: a present but malformed value is a 400 that names
/// the parameter, never silently replaced by a default.
struct QueryParameters {
    let request: Request

    func string(_ name: String, maxLength: Int = 1000) throws -> String? {
        guard let value = Self.value(of: name, in: request.uri.query) else { return nil }
        guard value.count <= maxLength else {
            throw APIError.badRequest("\(name) is longer than \(maxLength) characters")
        }
        return value
    }

    /// The value of `name` in a raw query string (`FormEncoding`: `+` is a space).
    static func value(of name: String, in query: String?) -> String? {
        FormEncoding.value(of: name, in: query)
    }

    func int(_ name: String) throws -> Int? {
        guard let text = try string(name, maxLength: 20), !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw APIError.badRequest("\(name) must be a whole number, got \"\(text)\"") }
        return value
    }

    /// A whole number within `range`; absent or empty is nil.
    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = try int(name) else { return nil }
        guard range.contains(value) else {
            throw APIError.badRequest("\(name) must be from \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return value
    }

    /// An ISO 8601 date and time (`2026-11-25T10:00:00Z`).
    func date(_ name: String) throws -> Date? {
        guard let text = try string(name, maxLength: 40), !text.isEmpty else { return nil }
        guard let value = try? Date(text, strategy: .iso8601) else {
            throw APIError.badRequest("\(name) must be an ISO 8601 date and time such as 2026-11-25T10:00:00Z, got \"\(text)\"")
        }
        return value
    }

    /// `sort` for album lists (and the track list, which goes album by album).
    func albumSort() throws -> AlbumSort {
        let name = try string("sort", maxLength: 20) ?? AlbumSort.name.rawValue
        guard let sort = AlbumSort(rawValue: name) else {
            throw APIError.badRequest("sort must be one of \(AlbumSort.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name)\"")
        }
        return sort
    }

    /// `/api/tracks`' `sort`: an album order, or `title`.
    func trackSort() throws -> TrackSort {
        let name = try string("sort", maxLength: 20) ?? AlbumSort.name.rawValue
        guard let sort = TrackSort(name: name) else {
            throw APIError.badRequest("sort must be one of \(TrackSort.names.joined(separator: ", ")), got \"\(name)\"")
        }
        return sort
    }

    func paging(defaultLimit: Int = Paging.defaultLimit) throws -> (limit: Int, offset: Int) {
        try Paging.validate(limit: int("limit"), offset: int("offset"), defaultLimit: defaultLimit)
    }
}

extension Request {
    var query: QueryParameters { QueryParameters(request: self) }
}
