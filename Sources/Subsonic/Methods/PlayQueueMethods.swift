import Foundation
import Host

/// The play queue that follows a person between apps: getPlayQueue/savePlayQueue (the
/// current track by id) and OpenSubsonic's `indexBasedQueue` getPlayQueueByIndex/
/// savePlayQueueByIndex (by index, for a queue holding a track twice). The same queue as the
/// web player's (`/api/me/queue`).
extension SubsonicAPI {
    static func playQueue(host: MusicHost) -> [String: SubsonicMethod] {
        [
            "getPlayQueue": SubsonicMethod { call in
                let queue = try await host.playQueues.queue(of: call.user)
                return [.single(queueElement("playQueue", queue, call: call) { $0.set("current", queue.current?.id) })]
            },
            "getPlayQueueByIndex": SubsonicMethod { call in
                let queue = try await host.playQueues.queue(of: call.user)
                return [.single(queueElement("playQueueByIndex", queue, call: call) { $0.set("currentIndex", queue.currentIndex) })]
            },
            // No `id` clears the queue. With ids, `current` must be one of them (the
            // first place it holds is the current one).
            "savePlayQueue": SubsonicMethod { call in
                let ids = call.parameters.strings("id").filter { !$0.isEmpty }
                var index: Int?
                if !ids.isEmpty {
                    let current = try call.parameters.required("current")
                    guard let found = ids.firstIndex(of: current) else {
                        throw SubsonicError(.generic, "current must be one of the id values (the song playing now)")
                    }
                    index = found
                }
                try await save(ids, index: index, call: call, host: host)
                return []
            },
            "savePlayQueueByIndex": SubsonicMethod { call in
                let ids = call.parameters.strings("id").filter { !$0.isEmpty }
                var index: Int?
                if !ids.isEmpty {
                    // Error 10 for a missing, out-of-range or unreadable index: the
                    // extension says 10 for any index not from 0 to the last.
                    let text = call.parameters.string("currentIndex")?.trimmingCharacters(in: .whitespaces)
                    guard let current = text.flatMap({ Int($0) }), ids.indices.contains(current) else {
                        throw SubsonicError(.missingParameter, "currentIndex must be from 0 to \(ids.count - 1)")
                    }
                    index = current
                }
                try await save(ids, index: index, call: call, host: host)
                return []
            },
        ]
    }

    private static func save(_ ids: [String], index: Int?, call: SubsonicCall, host: MusicHost) async throws {
        let position = try call.parameters.int("position", in: 0...PlayQueues.maximumPosition) ?? 0
        try await host.playQueues.save(
            PlayQueueChange(trackIDs: ids, currentIndex: index, positionMilliseconds: position, client: call.parameters.string("c")),
            for: call.user)
    }

    /// `playQueue` or `playQueueByIndex`: `username`, `changed` and `changedBy` always (the
    /// schema requires them; a queue never saved was changed at the epoch by nobody),
    /// `position` and the songs when it holds any. `current` adds its own attribute.
    private static func queueElement(
        _ name: String, _ queue: PlayQueueView, call: SubsonicCall, current: (inout SubsonicElement) -> Void
    ) -> SubsonicElement {
        SubsonicElement(name).with {
            if !queue.entries.isEmpty {
                current(&$0)
                $0.set("position", queue.positionMilliseconds)
            }
            $0.set("username", call.user.email)
            $0.set("changed", queue.changedAt ?? Date(timeIntervalSince1970: 0))
            $0.set("changedBy", queue.changedBy ?? "")
            $0.append(list: "entry", queue.entries.map { call.shapes.song($0, as: "entry") })
        }
    }
}
