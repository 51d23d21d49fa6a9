import HTTPSupport
import Host
import Hummingbird

/// Health (public) and the sources' status (any signed-in user: the search page shows it).
struct SystemRoutes {
    let host: MusicHost

    /// Routes that answer without signing in.
    func addPublic(to router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in JSONResponse(["status": "ok"]) }
    }

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/api/providers") { _, _ in JSONResponse(await host.providerStatuses()) }
    }
}
