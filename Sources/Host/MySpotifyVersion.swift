/// This build's version, as the API reports it (Subsonic's `serverVersion`).
public enum MySpotifyVersion {
    public static let current = "0.7.0"
}
