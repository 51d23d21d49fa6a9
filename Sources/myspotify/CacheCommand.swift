import ArgumentParser
import Foundation
import Host

struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache", abstract: "The shared cache of remote tracks: list, remove, totals.",
        subcommands: [List.self, Remove.self, Stats.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List cached tracks.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let host = try common.makeHost(logger: CommandLogging.bootstrap())
            let rows = try await host.admin.cachedTracks(for: nil).tracks.map { track in
                [track.id, track.sourceType, track.title, track.artist ?? "", ByteCountText.format(track.fileSize ?? 0)]
            }
            print(TextTable.render(header: ["ID", "SOURCE", "TITLE", "ARTIST", "SIZE"], rows: rows))
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Delete cached tracks; the next play downloads them again.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Track ids.") var ids: [String]

        func run() async throws {
            let host = try common.makeHost(logger: CommandLogging.bootstrap())
            for id in ids {
                try await host.admin.removeFromCache(trackID: id)
                print("removed \(id)")
            }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "Count and size of the cache.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let host = try common.makeHost(logger: CommandLogging.bootstrap())
            for total in try await host.admin.cachedTracks(for: nil).bySource {
                print("\(total.source): \(total.count) tracks, \(ByteCountText.format(total.bytes))")
            }
            let storage = try await host.admin.disk()
            print("cache folder: \(ByteCountText.format(storage.cacheBytes)); disk free: \(ByteCountText.format(storage.availableBytes))")
        }
    }
}

enum ByteCountText {
    static func format(_ bytes: Int64) -> String {
        ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file)
    }
}
