// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "MySpotify",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "myspotify", targets: ["myspotify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // The provider contract. No dependencies, so a provider never sees the engine.
        .target(name: "SourceAPI", path: "Sources/SourceAPI"),

        // glibc's malloc controls, for a small resident size.
        .target(name: "CMemory", path: "Sources/CMemory"),

        // Reads that never wait for the disk (preadv2 with RWF_NOWAIT), for streaming.
        .target(name: "CFileRead", path: "Sources/CFileRead"),

        // The engine: registry, catalog, federated search, scanner jobs, accounts. It serves
        // no HTTP; it only calls out (the sign-in provider's token endpoint).
        .target(
            name: "Host",
            dependencies: [
                "SourceAPI", "CMemory",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                // ffmpeg for transcodes: process groups, streamed output, killed on cancellation.
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            path: "Sources/Host"
        ),

        // The HTTP adapter.
        .target(
            name: "Server",
            dependencies: [
                "Host", "HTTPSupport", "Subsonic",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Server"
        ),

        // What both HTTP adapters share: the request context, the one Range parser, and
        // serving audio (files and downloads in progress) with back-pressure.
        .target(
            name: "HTTPSupport",
            dependencies: [
                "Host", "CFileRead",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Sources/HTTPSupport"
        ),

        // The OpenSubsonic adapter (/rest): the same Host services, Subsonic envelopes.
        .target(
            name: "Subsonic",
            dependencies: [
                "Host", "HTTPSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Subsonic"
        ),

        // Providers.
        .target(
            name: "CTagLib",
            path: "Plugins/LocalFiles/CTagLib",
            linkerSettings: [.linkedLibrary("tag"), .linkedLibrary("z")]
        ),
        .target(
            name: "LocalFiles",
            dependencies: ["SourceAPI", "CTagLib", .product(name: "Logging", package: "swift-log")],
            path: "Plugins/LocalFiles/Sources"
        ),

        // Shared by the providers that run yt-dlp: child processes, id checks, JSON.
        // yt-dlp kept loaded in a resident process (a Python script shipped as a resource),
        // and the formats it selects downloaded over HTTP.
        .target(
            name: "YtDlpSupport",
            dependencies: [
                "SourceAPI",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Plugins/YtDlpSupport",
            resources: [.copy("ytdlp_extractor.py")]
        ),
        .target(
            name: "YouTube",
            dependencies: ["SourceAPI", "YtDlpSupport", .product(name: "Subprocess", package: "swift-subprocess")],
            path: "Plugins/YouTube/Sources",
            resources: [.copy("ytmusic_helper.py")]
        ),
        .target(
            name: "SoundCloud",
            dependencies: ["SourceAPI", "YtDlpSupport"],
            path: "Plugins/SoundCloud/Sources"
        ),

        // The list of provider types this build knows (the composition root's registry).
        .target(
            name: "BuiltInProviders",
            dependencies: ["Host", "LocalFiles", "YouTube", "SoundCloud"],
            path: "Sources/BuiltInProviders"
        ),

        // The executable and composition root.
        .executableTarget(
            name: "myspotify",
            dependencies: [
                "Host", "Server", "BuiltInProviders", "CMemory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/myspotify"
        ),

        // Test support: fixtures made with ffmpeg, temporary data folders, and the
        // conformance suite every provider runs.
        .target(
            name: "TestSupport",
            dependencies: [
                "SourceAPI", "Host", "Server", "LocalFiles", "BuiltInProviders",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "SourceAPITests", dependencies: ["SourceAPI"], path: "Tests/SourceAPITests"),
        .testTarget(name: "HostTests", dependencies: ["Host", "TestSupport", "LocalFiles"], path: "Tests/HostTests"),
        // Test fixtures only: lyrics frames written with TagLib (ffmpeg writes no USLT or SYLT).
        .target(
            name: "CTagLibWriter",
            path: "Tests/TagLibWriter",
            linkerSettings: [.linkedLibrary("tag"), .linkedLibrary("z")]
        ),
        .testTarget(name: "LocalFilesTests", dependencies: ["LocalFiles", "Host", "TestSupport", "CTagLibWriter"], path: "Tests/LocalFilesTests"),
        .testTarget(
            name: "RemoteSourcesTests",
            dependencies: [
                "YouTube", "SoundCloud", "YtDlpSupport", "Host", "Server", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/RemoteSourcesTests"
        ),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"], path: "Tests/CLITests"),
        .testTarget(
            name: "SubsonicTests",
            dependencies: [
                "Subsonic", "Host", "Server", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/SubsonicTests"
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "HTTPSupport", "Host", "LocalFiles", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/ServerTests"
        ),
    ],
    cxxLanguageStandard: .cxx17
)
