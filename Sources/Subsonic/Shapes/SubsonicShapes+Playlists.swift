import Foundation
import Host

extension SubsonicShapes {
    /// A `playlist` as lists show it: `id`, `name`, `songCount`, `duration`, `created`,
    /// `changed` always, and `public` and `owner` (DSub needs `public`).
    public func playlist(_ summary: PlaylistSummaryView, as name: String = "playlist") -> SubsonicElement {
        let playlist = summary.playlist
        var element = SubsonicElement(name)
        element.set("id", playlist.id)
        element.set("name", playlist.name)
        element.set("comment", playlist.comment)
        element.set("owner", summary.ownerName)
        element.set("public", playlist.isPublic)
        element.set(int32: "songCount", summary.trackCount)
        element.set(int32: "duration", summary.duration)
        element.set("created", playlist.createdAt)
        element.set("changed", playlist.updatedAt ?? playlist.createdAt)
        // Apps fetch it like any cover; the cover service answers a placeholder for an
        // empty playlist.
        element.set("coverArt", "pl-\(playlist.id)")
        guard !legacyClient else { return element }
        element.set("readonly", !summary.isOwner)
        return element
    }

    /// A playlist with its songs as `entry` elements.
    public func playlist(_ view: PlaylistView, as name: String = "playlist") -> SubsonicElement {
        var element = playlist(view.summary, as: name)
        element.append(list: "entry", view.tracks.map { song($0, as: "entry") })
        return element
    }
}
