import Foundation

/// Where the bytes of a track come from.
public enum AudioSource: Sendable {
    /// A complete file on this machine: the server reads it directly, with Range.
    case file(URL, contentType: String)
    /// A complete file the provider has opened and checked (a library file whose real path
    /// lies where the provider allows): the server reads this descriptor and no other, so
    /// what was checked is what is sent.
    case opened(OpenedFile, contentType: String)
    /// Bytes produced elsewhere (a download). The host's cache consumes the sequence and
    /// serves clients from what it wrote; the provider never writes to the cache itself.
    case stream(contentType: String, expectedLength: Int?, bytes: AsyncThrowingStream<[UInt8], any Error>)
}
