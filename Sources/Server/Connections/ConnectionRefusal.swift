import NIOCore

/// Answers a connection over the limits with a fixed response and closes it.
///
/// No HTTP parsing, no routing, no allocation per connection: one shared buffer is written,
/// the sending side is shut, and what the client sends is read and dropped until it closes
/// or `linger` passes. (Closing at once with the client's request unread would make the
/// kernel answer with a reset, and some clients then discard the answer before reading it.)
final class ConnectionRefusal: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Why a connection is refused.
    enum Reason: Equatable {
        /// The server has `maxConnections` open: 503.
        case busy
        /// This address has `maxConnectionsPerAddress` open: 429.
        case tooManyFromAddress

        var answer: ByteBuffer {
            switch self {
            case .busy: ConnectionRefusal.busyAnswer
            case .tooManyFromAddress: ConnectionRefusal.tooManyAnswer
            }
        }
    }

    static let retryAfterSeconds = 5
    static let busyAnswer = answer(
        "503 Service Unavailable", code: "unavailable", message: "The server is busy. Try again in a few seconds.")
    static let tooManyAnswer = answer(
        "429 Too Many Requests", code: "too_many_requests",
        message: "Too many connections from your address. Close some and try again.")

    /// The same JSON error shape as every other answer (`APIError`), written out once.
    private static func answer(_ status: String, code: String, message: String) -> ByteBuffer {
        let body = #"{"error":{"code":"\#(code)","message":"\#(message)"}}"#
        return ByteBuffer(string: [
            "HTTP/1.1 \(status)", "Content-Type: application/json; charset=utf-8", "Content-Length: \(body.utf8.count)",
            "Retry-After: \(retryAfterSeconds)", "Cache-Control: no-store", "Connection: close", "", body,
        ].joined(separator: "\r\n"))
    }

    private let answer: ByteBuffer?
    private let linger: TimeAmount
    private var lingering: Scheduled<Void>?

    /// - Parameters:
    ///   - answer: the bytes to send, or nil to close without a word.
    ///   - linger: how long to wait for the client to close after the answer.
    init(answer: ByteBuffer?, linger: TimeAmount = .seconds(1)) {
        self.answer = answer
        self.linger = linger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { refuse(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        refuse(context)
    }

    private func refuse(_ context: ChannelHandlerContext) {
        guard lingering == nil else { return }
        guard let answer else {
            context.close(promise: nil)
            return
        }
        context.writeAndFlush(wrapOutboundOut(answer)).assumeIsolated().whenComplete { _ in
            context.close(mode: .output, promise: nil)
        }
        lingering = context.eventLoop.assumeIsolated().scheduleTask(in: linger) {
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Dropped: see the type's comment.
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The client closed its side (or the server is shutting down): done.
        if event as? ChannelEvent == .inputClosed || event is ChannelShouldQuiesceEvent {
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        lingering?.cancel()
        lingering = nil
    }
}
