import Hummingbird
import NIOCore

/// Writes a streamed body in step with its connection, so that back-pressure holds.
///
/// A body writer runs in a task off the event loop. Its `write` hands the buffer to the
/// event loop and returns at once while the connection last looked writable, so a fast
/// producer (a file read from the page cache) queued whole files on the event loop before
/// it had run the first write and found the client stalled: 40 clients that read nothing
/// held 2 to 3 MiB each. Here each write first waits until the event loop has run the
/// previous one, so the writability the next write sees is current and it suspends as soon
/// as the client stops reading. The caller reads its next chunk meanwhile, so a fast reader
/// loses no time to the wait.
struct PacedBodyWriter {
    private let eventLoop: any EventLoop
    private var previous: EventLoopFuture<Void>?

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    mutating func write(_ buffer: ByteBuffer, to writer: inout any ResponseBodyWriter) async throws {
        try await previous?.get()
        try await writer.write(buffer)
        // Runs after the write just queued: an event loop runs its tasks in order.
        previous = eventLoop.submit {}
    }
}
