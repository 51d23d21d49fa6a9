import Logging
import NIOCore
import NIOHTTPTypes

/// The keep-alive timeout: closes a connection on which no new request starts within
/// `timeout` of the last answer ending.
///
/// Only between requests: while a request is being received the header timeout applies
/// (`RequestTimeoutHandler`), and while an answer is pending the server is the one to move
/// (`WriteTimeoutHandler` drops a client that stops reading it).
final class IdleTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private let deadline: ConnectionDeadline
    /// Requests read whose answer has not ended yet (more than one when pipelined).
    private var unanswered = 0

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        deadline = ConnectionDeadline(closing: "closing an idle connection", logger: logger)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { unanswered += 1 }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is RequestBytesArrived { deadline.clear() }
        context.fireUserInboundEventTriggered(event)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            if unanswered == 0 { deadline.set(after: timeout, context: context) }
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline.cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline.cancel()
    }
}
