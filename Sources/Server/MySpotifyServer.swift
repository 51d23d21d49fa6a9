import Host
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the HTTP application around a host.
public enum MySpotifyServer {
    /// The router with every route. Routes that need a signed-in user are added through one
    /// group, so authentication is one middleware on that group.
    public static func router(host: MusicHost) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        SystemRoutes(host: host).addPublic(to: router)

        let protected = router.group()
        LibraryRoutes(host: host).add(to: protected)
        CoverRoutes(host: host).add(to: protected)
        StreamRoutes(host: host).add(to: protected)
        CacheRoutes(host: host).add(to: protected)
        SystemRoutes(host: host).add(to: protected)
        return router
    }

    public static func application(
        host: MusicHost, hostname: String, port: Int, logger: Logger, services: [any Service] = []
    ) -> some ApplicationProtocol {
        Application(
            router: router(host: host),
            configuration: .init(address: .hostname(hostname, port: port), serverName: "MySpotify"),
            services: services,
            logger: logger)
    }
}

/// Keeps the library current (scan at start, file watching, periodic rescans) for as long
/// as the server runs, and stops with it.
public struct LibraryUpkeepService: Service {
    let host: MusicHost

    public init(host: MusicHost) { self.host = host }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await host.keepLibraryCurrent()
        }
        // With nothing to watch and no periodic rescan the work above ends at once; a
        // service that returns early stops the whole server, so wait for the shutdown.
        try? await gracefulShutdown()
        await host.shutdown()
    }
}
