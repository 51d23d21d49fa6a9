import Logging
import NIOCore

/// A deadline by which a connection is closed, kept on its event loop, cheap to move.
///
/// Moving or clearing it only stores the new time; the single scheduled task looks when it
/// fires and waits again if the deadline moved on. The handlers move their deadlines on
/// every request or every change of writability, which would otherwise schedule and cancel
/// a task each time.
final class ConnectionDeadline {
    private let reason: Logger.Message
    private let logger: Logger
    private var deadline: NIODeadline?
    private var scheduled: Scheduled<Void>?

    /// - Parameter reason: what the debug log says when the deadline closes a connection.
    init(closing reason: Logger.Message, logger: Logger) {
        self.reason = reason
        self.logger = logger
    }

    /// Sets the deadline `amount` from now (replacing any earlier one).
    func set(after amount: TimeAmount, context: ChannelHandlerContext) {
        let deadline = NIODeadline.now() + amount
        self.deadline = deadline
        if scheduled == nil { schedule(at: deadline, context: context) }
    }

    /// Clears the deadline; the scheduled task, if any, then finds nothing to do.
    func clear() {
        deadline = nil
    }

    /// Clears the deadline and cancels the task: the connection is going away.
    func cancel() {
        deadline = nil
        scheduled?.cancel()
        scheduled = nil
    }

    private func schedule(at time: NIODeadline, context: ChannelHandlerContext) {
        scheduled = context.eventLoop.assumeIsolated().scheduleTask(deadline: time) { [self] in
            scheduled = nil
            guard let deadline else { return }
            if deadline <= .now() {
                self.deadline = nil
                logger.debug(reason, metadata: ["peer": "\(context.remoteAddress?.ipAddress ?? "?")"])
                context.close(promise: nil)
            } else {
                schedule(at: deadline, context: context)
            }
        }
    }
}
