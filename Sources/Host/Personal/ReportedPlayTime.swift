import Foundation

/// When an app says a play happened. Apps send milliseconds since 1970, and some send
/// seconds, zero, or a clock that runs ahead: a time this server cannot believe is taken as
/// now, so the play still counts.
enum ReportedPlayTime {
    /// Before this, no app was reporting plays (2001-01-01); seconds sent as milliseconds
    /// land in January 1970.
    static let earliest = Date(timeIntervalSince1970: 978_307_200)

    /// The reported time if it lies between `earliest` and now, else now (a play is never
    /// recorded in the future).
    static func resolve(_ reported: Date?, now: Date = Date()) -> Date {
        guard let reported, reported >= earliest, reported <= now else { return now }
        return reported
    }
}
