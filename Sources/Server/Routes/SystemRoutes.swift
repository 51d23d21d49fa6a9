import Host
import Hummingbird

/// Health, storage, providers and scans.
struct SystemRoutes {
    let host: MusicHost

    /// Routes that answer without signing in.
    func addPublic(to router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in JSONResponse(["status": "ok"]) }
    }

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/system/storage") { _, _ in JSONResponse(try await host.storage()) }
        group.get("/api/providers") { _, _ in JSONResponse(await host.providerStatuses()) }
        group.get("/api/scan") { _, _ in JSONResponse(host.scanner.progress) }
        group.post("/api/scan") { request, _ in
            let full = try request.query.string("full", maxLength: 5).map { $0 == "true" || $0 == "1" } ?? false
            let started = host.scanner.start(full: full)
            return JSONResponse(ScanStart(started: started, progress: host.scanner.progress), status: .accepted)
        }
        group.get("/api/scan/failures") { _, _ in JSONResponse(try await host.catalog.scanFailures()) }
    }
}

struct ScanStart: Encodable {
    /// False when a scan was already running: that one goes on, no second one starts.
    var started: Bool
    var progress: ScanProgress
}
