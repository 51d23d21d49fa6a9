import Foundation
import Host

extension SubsonicShapes {
    /// A `user` with every role the schema requires. What this server lets everyone do is
    /// true (settings, download, playlists, covers, streaming, scrobbling); what it has no
    /// such thing for is false (upload, comments, podcasts, jukebox, shares, video).
    public func user(_ user: User, as name: String = "user") -> SubsonicElement {
        var element = SubsonicElement(name)
        element.set("username", user.appUserName)
        element.set("email", user.email)
        element.set("scrobblingEnabled", true)
        element.set("adminRole", user.isAdmin)
        element.set("settingsRole", true)
        element.set("downloadRole", true)
        element.set("uploadRole", false)
        element.set("playlistRole", true)
        element.set("coverArtRole", true)
        element.set("commentRole", false)
        element.set("podcastRole", false)
        element.set("streamRole", true)
        element.set("jukeboxRole", false)
        element.set("shareRole", false)
        element.set("videoConversionRole", false)
        element.append(values: "folder", [.integer(Int64(SubsonicAPI.musicFolderID))])
        return element
    }

    /// A `nowPlaying` entry: the song, with who plays it, since when and on which player
    /// (`playerId` numbers the entries of this answer, as the schema wants an int).
    public func nowPlayingEntry(_ view: NowPlayingView, playerID: Int) -> SubsonicElement {
        var element = song(view.track, as: "entry")
        element.set("username", view.userName)
        element.set(int32: "minutesAgo", view.minutesAgo)
        element.set(int32: "playerId", playerID)
        element.set("playerName", view.player.isEmpty ? nil : view.player)
        return element
    }
}
