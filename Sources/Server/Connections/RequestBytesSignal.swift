import NIOCore

/// The event `RequestBytesSignal` sends up the pipeline each time bytes arrive.
struct RequestBytesArrived {}

/// Tells the handlers behind the HTTP decoder that bytes came in, which they cannot see
/// themselves: the decoder hands on a request head only once all of it is there, so a
/// client sending a byte a second looks exactly like one sending nothing.
final class RequestBytesSignal: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireUserInboundEventTriggered(RequestBytesArrived())
        context.fireChannelRead(data)
    }
}
