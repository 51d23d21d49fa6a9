import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `2024-01-02T03:04:05.000Z`: ISO 8601 in UTC with milliseconds, which every client reads.
///
/// With `gmtime_r` rather than `ISO8601DateFormatter`: a library sync writes thousands of
/// dates per answer, and a formatter is neither cheap nor safe to share between requests.
enum SubsonicDate {
    static func string(from date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        let milliseconds = Int(((interval - interval.rounded(.down)) * 1000).rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(milliseconds), 3))Z"
    }
}
