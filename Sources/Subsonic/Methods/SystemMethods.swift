import Foundation
import Host

/// Start-up calls every app makes: ping, getLicense, getMusicFolders.
extension SubsonicAPI {
    static func system(host: MusicHost) -> [String: SubsonicMethod] {
        [
            "ping": SubsonicMethod { _ in [] },
            // Nothing to buy: the licence is always valid.
            "getLicense": SubsonicMethod { _ in
                [.single(SubsonicElement("license").with {
                    $0.set("valid", true)
                    $0.set("email", "")
                    $0.set("licenseExpires", Date(timeIntervalSince1970: 4_102_444_800))
                })]
            },
            // One folder: the whole library, the shared cache's remote songs included.
            "getMusicFolders": SubsonicMethod { _ in
                [.single(SubsonicElement("musicFolders").with {
                    $0.append(list: "musicFolder", [SubsonicElement("musicFolder").with {
                        $0.set("id", SubsonicAPI.musicFolderID)
                        $0.set("name", "Music")
                    }])
                })]
            },
        ]
    }

    /// The one music folder's id: an int, the only id the protocol types as one.
    static let musicFolderID = 1
}
