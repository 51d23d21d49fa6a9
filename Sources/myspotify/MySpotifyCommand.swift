import ArgumentParser

@main
struct MySpotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "myspotify",
        abstract: "A self-hosted music server: your library and remote sources behind one search and one player.",
        subcommands: [ServeCommand.self, ScanCommand.self, ProvidersCommand.self, SearchCommand.self, CacheCommand.self, UserCommand.self],
        defaultSubcommand: ServeCommand.self)
}
