import Foundation
import Host

/// Playlists under `/api`'s rules: a private one is its owner's alone (any other account
/// gets error 70, as for an id that does not exist), a public one is readable by everyone
/// and changeable by its owner only (70 for the others too: one rule, the Host's).
extension SubsonicAPI {
    static func playlists(host: MusicHost, accounts: Accounts) -> [String: SubsonicMethod] {
        [
            "getPlaylists": SubsonicMethod { call in
                let list: [PlaylistSummaryView]
                if let name = call.parameters.string("username"), !name.isEmpty {
                    let owner = try await accounts.profile(named: name, for: call.user)
                    list = try await host.playlists.readable(ownedBy: owner, by: call.user)
                } else {
                    list = try await host.playlists.readable(by: call.user)
                }
                return [.single(SubsonicElement("playlists").with {
                    $0.append(list: "playlist", list.map { call.shapes.playlist($0) })
                })]
            },
            "getPlaylist": SubsonicMethod { call in
                let playlist = try await host.playlists.whole(id: call.parameters.required("id"), userID: call.user.id)
                return [.single(call.shapes.playlist(playlist))]
            },
            // With `playlistId` it replaces that playlist's songs (the protocol's update form).
            "createPlaylist": SubsonicMethod { call in
                let parameters = call.parameters
                let songs = parameters.ids("songId")
                let playlist: PlaylistView
                if let id = parameters.string("playlistId"), !id.isEmpty {
                    playlist = try await host.playlists.replaceTracks(
                        id: id, userID: call.user.id, name: parameters.nonEmpty("name"), with: songs)
                } else {
                    playlist = try await host.playlists.create(
                        ownerID: call.user.id, name: parameters.required("name"), trackIDs: songs)
                }
                return [.single(call.shapes.playlist(playlist))]
            },
            "updatePlaylist": SubsonicMethod { call in
                let parameters = call.parameters
                try await host.playlists.edit(
                    id: parameters.required("playlistId"), userID: call.user.id,
                    PlaylistEdit(
                        name: parameters.nonEmpty("name"), comment: parameters.string("comment"), isPublic: try parameters.bool("public"),
                        adding: parameters.ids("songIdToAdd"), removingPositions: try parameters.ints("songIndexToRemove")))
                return []
            },
            "deletePlaylist": SubsonicMethod { call in
                try await host.playlists.delete(id: call.parameters.required("id"), userID: call.user.id)
                return []
            },
        ]
    }
}

extension SubsonicParameters {
    /// A value that is there and not empty (apps send `name=` for "no change").
    func nonEmpty(_ name: String) -> String? {
        guard let value = string(name), !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return value
    }
}
