import ArgumentParser
import Foundation

struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers", abstract: "List the providers of plugins.json: enabled, healthy.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let logger = CommandLogging.bootstrap()
        let host = try common.makeHost(logger: logger)
        let rows = await host.admin.sources().map { status in
            [status.id, status.type, status.enabled ? "yes" : "no",
             status.enabled ? (status.healthy ? "yes" : "no") : "-", status.problem ?? ""]
        }
        print(TextTable.render(header: ["ID", "TYPE", "ENABLED", "HEALTHY", "PROBLEM"], rows: rows))
    }
}
