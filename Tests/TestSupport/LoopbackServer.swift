import Hummingbird
import Logging
import NIOCore

/// A Hummingbird router served on a free loopback port until stopped: the stand-in
/// servers of the tests (media host, OpenID issuer) run this way.
public final class LoopbackServer: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    public static func start(_ router: Router<BasicRequestContext>, label: String) async -> LoopbackServer {
        var logger = Logger(label: label)
        logger.logLevel = .critical
        let started = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in started.continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let task = Task { try await app.runService() }
        var iterator = started.stream.makeAsyncIterator()
        return LoopbackServer(port: await iterator.next() ?? 0, task: task)
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public func stop() { task.cancel() }

    deinit { task.cancel() }
}
