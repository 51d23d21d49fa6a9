import Logging
import NIOCore
import NIOHTTPTypes

/// The header timeout: closes a connection whose request does not arrive in time.
///
/// A request, head and body, must be complete within `timeout` of its first byte; the first
/// request within `timeout` of the connection opening. Between requests the idle timeout
/// applies instead (`IdleTimeoutHandler`). Without it, a client sending its headers a byte
/// at a time (slowloris) holds a connection for ever. Request bodies here are small JSON or
/// forms (256 KiB at most), so one bound covers head and body.
final class RequestTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    private let deadline: ConnectionDeadline
    private var receiving = true

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        deadline = ConnectionDeadline(closing: "closing a connection whose request did not arrive in time", logger: logger)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { deadline.set(after: timeout, context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        deadline.set(after: timeout, context: context)
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is RequestBytesArrived, !receiving {
            // The first byte of the next request.
            receiving = true
            deadline.set(after: timeout, context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) {
            receiving = false
            deadline.clear()
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline.cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline.cancel()
    }
}
