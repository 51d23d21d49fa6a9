import ArgumentParser
import Foundation
import Host
import Server

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Start the HTTP server.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Address to listen on (env MYSPOTIFY_HOST, default 0.0.0.0).")
    var host: String?

    @Option(help: "Port to listen on (env MYSPOTIFY_PORT, default 8000).")
    var port: Int?

    func run() async throws {
        MemoryTuning.apply()
        let logger = CommandLogging.bootstrap()
        let hostname = host ?? Environment.string("MYSPOTIFY_HOST") ?? "0.0.0.0"
        let portText = port.map(String.init) ?? Environment.string("MYSPOTIFY_PORT") ?? "8000"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw ValidationError("port must be a number from 1 to 65535, got \(portText)")
        }
        var settings = try Environment.serverSettings()
        settings.releaseFreeMemory = MemoryTuning.releaseFreeMemory
        let musicHost = try common.makeHost(logger: logger)
        // Only the server clears unfinished downloads: the last server was killed mid-way.
        let leftovers = musicHost.clearUnfinishedDownloads()
        if leftovers > 0 { logger.notice("removed unfinished downloads left by the last run", metadata: ["count": "\(leftovers)"]) }
        let accounts = try await Accounts(host: musicHost, settings: Environment.accountSettings())
        if settings.webDirectory == nil {
            logger.warning("no web app: MYSPOTIFY_WEB_DIR (default ./Web) has no index.html; the API still works")
        }
        logger.info(
            "serving",
            metadata: [
                "address": "http://\(hostname):\(port)", "data": "\(musicHost.data.root.path)",
                "registration": "\(accounts.settings.registration.rawValue)", "google": "\(settings.google != nil)",
            ])
        let app = MySpotifyServer.application(
            host: musicHost, accounts: accounts, settings: settings, hostname: hostname, port: port, logger: logger,
            services: [LibraryUpkeepService(host: musicHost)])
        try await app.runService()
    }
}
