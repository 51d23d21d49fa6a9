import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 connections with MySpotify's limits around them.
///
/// A new connection is first admitted (`ConnectionAdmission`): over the limits it gets a
/// fixed refusal and never reaches the HTTP code. An admitted one gets the timeouts: the
/// write timeout and the byte signal in front of the HTTP decoder, the request (header) and
/// idle timeouts behind it, where requests and answers are whole messages.
struct GuardedHTTP1Channel: ServerChildChannel {
    /// A connection as `handle` gets it: served over HTTP, or being refused (`http` nil).
    struct Value: ServerChildChannelValue {
        let channel: any Channel
        let http: HTTP1Channel.Value?
    }

    private let http: HTTP1Channel
    private let admission: ConnectionAdmission
    private let limits: ConnectionLimits
    private let logger: Logger

    init(responder: @escaping HTTPChannelHandler.Responder, limits: ConnectionLimits, admission: ConnectionAdmission, logger: Logger) {
        self.limits = limits
        self.admission = admission
        self.logger = logger
        http = HTTP1Channel(
            responder: responder,
            configuration: .init(additionalChannelHandlers: [
                RequestTimeoutHandler(timeout: TimeAmount(limits.requestTimeout), logger: logger),
                IdleTimeoutHandler(timeout: TimeAmount(limits.idleTimeout), logger: logger),
            ]))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let address = channel.remoteAddress?.ipAddress
        let admission = self.admission
        switch admission.admit(address: address) {
        case .admitted:
            channel.closeFuture.whenComplete { _ in admission.closed(address: address) }
            // In front of the HTTP decoder, which `http.setup` adds after them.
            return channel.eventLoop.makeCompletedFuture {
                let operations = channel.pipeline.syncOperations
                try operations.addHandler(WriteTimeoutHandler(timeout: TimeAmount(limits.writeTimeout), logger: self.logger))
                try operations.addHandler(RequestBytesSignal())
            }.flatMap {
                http.setup(channel: channel, logger: logger)
            }.map {
                Value(channel: channel, http: $0)
            }
        case .refused(let reason):
            self.logger.debug("refusing a connection", metadata: ["peer": "\(address ?? "?")", "reason": "\(reason)"])
            channel.closeFuture.whenComplete { _ in admission.refusalEnded() }
            return refuse(channel, answer: reason.answer)
        case .dropped:
            return refuse(channel, answer: nil)
        }
    }

    private func refuse(_ channel: any Channel, answer: ByteBuffer?) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ConnectionRefusal(answer: answer))
            return Value(channel: channel, http: nil)
        }
    }

    func handle(value: Value, logger: Logger) async {
        // A refused connection closes by itself (`ConnectionRefusal`): nothing to wait for.
        guard let connection = value.http else { return }
        await http.handle(value: connection, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with MySpotify's connection limits and timeouts (`GuardedHTTP1Channel`).
    static func guardedHTTP1(limits: ConnectionLimits, perAddress: Bool, logger: Logger) -> HTTPServerBuilder {
        let admission = ConnectionAdmission(limits: limits, perAddress: perAddress)
        return .init { responder in
            GuardedHTTP1Channel(responder: responder, limits: limits, admission: admission, logger: logger)
        }
    }
}
