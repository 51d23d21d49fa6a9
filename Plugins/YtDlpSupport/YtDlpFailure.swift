import SourceAPI

/// Tells "this item does not exist" apart from "the tool failed" in yt-dlp's error output.
public enum YtDlpFailure {
    static let notFoundMarkers = [
        "HTTP Error 404", "Video unavailable", "This video is not available", "Private video",
        "This video has been removed", "Unable to download JSON metadata: HTTP Error 404", "Not Found",
    ]

    public static func error(for ref: RemoteRef, status: String, standardError: String) -> ProviderError {
        if notFoundMarkers.contains(where: { standardError.contains($0) }) { return .notFound(ref) }
        let detail = standardError.isEmpty ? "no error output" : standardError
        return .unavailable("yt-dlp failed for \(ref) (\(status)): \(detail)")
    }

    /// `collect`'s output checked: its JSON on success, the right error otherwise.
    public static func checkedJSON(_ output: ChildProcess.Output, ref: RemoteRef) throws -> YtDlpInfo {
        guard output.status == 0 else {
            throw error(for: ref, status: "exit \(output.status.map(String.init) ?? "by signal")", standardError: String(output.standardError.suffix(400)))
        }
        return try YtDlpInfo.decode(output.standardOutput)
    }
}
