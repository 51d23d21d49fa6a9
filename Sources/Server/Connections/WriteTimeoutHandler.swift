import Logging
import NIOCore

/// The write timeout: drops a client that takes none of its answer for `timeout`.
///
/// NIO marks a channel unwritable when more than its high-water mark (64 KiB) waits to go
/// out, and writable again below the low mark (32 KiB); the body writers stop producing
/// while it is unwritable (back-pressure). A channel that stays unwritable this long has a
/// reader that stopped reading: a stalled or hostile client, or a paused player (which asks
/// again with Range when it resumes). A slow reader that keeps taking bytes is never cut.
final class WriteTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private let deadline: ConnectionDeadline

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        deadline = ConnectionDeadline(closing: "dropping a connection whose client stopped reading", logger: logger)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            deadline.clear()
        } else {
            deadline.set(after: timeout, context: context)
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline.cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline.cancel()
    }
}
