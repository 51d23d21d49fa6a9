import ArgumentParser
import Foundation

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search every enabled source, as the web player does.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Most results to show.")
    var limit = 20

    @Option(help: "Comma-separated sources to ask (default: all enabled).")
    var sources: String?

    @Argument(help: "What to look for.")
    var query: String

    func run() async throws {
        let logger = CommandLogging.bootstrap()
        let host = try common.makeHost(logger: logger)
        let answer = try await host.search.search(
            query, limit: limit, offset: 0, sources: sources?.split(separator: ",").map(String.init), preparingPlayback: false)
        let rows = answer.tracks.enumerated().map { index, track in
            [String(index + 1), track.title, track.artist ?? "", track.album ?? "", track.sourceType,
             track.duration.map { String(format: "%d:%02d", $0 / 60, $0 % 60) } ?? "", track.id]
        }
        print(TextTable.render(header: ["#", "TITLE", "ARTIST", "ALBUM", "SOURCE", "TIME", "ID"], rows: rows))
        for source in answer.sources {
            print("\(source.id): \(source.status.rawValue), \(source.count) results, \(source.elapsedMilliseconds) ms"
                + (source.message.map { " (\($0))" } ?? ""))
        }
    }
}

/// Columns padded to their widest cell, long cells cut with an ellipsis.
enum TextTable {
    static func render(header: [String], rows: [[String]], maximumWidth: Int = 40) -> String {
        let cut = { (text: String) in text.count > maximumWidth ? String(text.prefix(maximumWidth - 1)) + "…" : text }
        let table = ([header] + rows).map { $0.map(cut) }
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { row in
            row.enumerated().map { column, cell in
                cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
