import Foundation
@testable import Host
import SourceAPI
import TestSupport
import Testing
@testable import YouTube
@testable import YtDlpSupport

extension RemoteWorld {
    /// The YouTube provider's item tool, and its resident extractor.
    func youTubeTool() throws -> (tool: YtDlpItemTool, resolver: ItemResolver) {
        let provider = try #require(host.providers.first { $0.id == "youtube" }?.provider as? YouTubeProvider)
        return (provider.itemTool, try #require(provider.itemTool.resolver, "the resident extractor is on by default"))
    }

    func mediaURL(_ name: String) -> String { "http://127.0.0.1:\(media.port)/media/\(name)" }

    /// Every byte of a provider's audio stream.
    func bytes(of source: AudioSource) async throws -> [UInt8] {
        guard case .stream(_, _, let stream) = source else { throw FixtureError(message: "expected a stream, got \(source)") }
        var all: [UInt8] = []
        for try await chunk in stream { all += chunk }
        return all
    }
}

@Suite("The resident yt-dlp extractor", .serialized)
struct ResidentExtractorTests {
    static let format = "ba[ext=m4a]/ba/b"

    @Test("it answers like the yt-dlp command: the same item, the same selected format, the same bytes")
    func answersLikeTheCommand() async throws {
        let world = try await RemoteWorld.make()
        let (tool, resolver) = try world.youTubeTool()
        let url = world.mediaURL("aaaaaaaaaa1.m4a")
        let ref = RemoteRef(provider: "youtube", id: "aaaaaaaaaa1")
        let resident = try await resolver.item(for: ref, url: url, timeout: .seconds(60), consume: false).item

        let command = try await ChildProcess(
            executable: RemoteFixtures.ytDlp, arguments: ["-J", "-f", Self.format, "--no-playlist", "-q", "--no-warnings", "--", url]
        ).collect(timeout: .seconds(60))
        #expect(command.status == 0, "\(command.standardError)")
        let info = try YtDlpInfo.decode(command.standardOutput)
        #expect(resident.info.id == info.id)
        #expect(resident.info.title == info.title)
        #expect(resident.info.webpageURL == info.webpageURL)
        #expect(resident.info.formatID == info.formatID)
        #expect(resident.info.ext == info.ext)
        #expect(resident.info.transferProtocol == info.transferProtocol)
        #expect(resident.info.metadata == info.metadata)

        struct Selected: Decodable { var url: String; var http_headers: [String: String] }
        let selected = try JSONDecoder().decode(Selected.self, from: Data(command.standardOutput))
        let media = try #require(resident.media, "a plain HTTP file is downloaded without the command")
        #expect(media.url == selected.url)
        // yt-dlp picks its user agent's browser version at random on each start.
        var ours = media.headers
        var theirs = selected.http_headers
        #expect(ours.removeValue(forKey: "User-Agent")?.hasPrefix("Mozilla/5.0") == true)
        #expect(theirs.removeValue(forKey: "User-Agent")?.hasPrefix("Mozilla/5.0") == true)
        #expect(ours.removeValue(forKey: "Accept-Encoding") == "identity", "yt-dlp's HTTP downloader asks for identity")
        #expect(ours == theirs)
        #expect(!"\(media)".contains("/media/"), "a resolved URL is never printed: \(media)")

        let commandBytes = try await world.bytes(of: .stream(
            contentType: "audio/mp4", expectedLength: nil, bytes: tool.commandBytes(ref, url: url)))
        let requestsBefore = await resolver.pool.requestsSent
        let residentBytes = try await world.bytes(of: try tool.fetch(ref, for: "youtube"))
        #expect(residentBytes == commandBytes)
        #expect(residentBytes == (try world.mediaBytes("aaaaaaaaaa1.m4a")))
        #expect(await resolver.pool.requestsSent == requestsBefore, "the fetch used what the resolve found")
        await world.host.shutdown()
    }

    @Test("a killed extractor (kill -9) is replaced: the next request gets a new process, the old group is gone")
    func restartsAfterKill() async throws {
        let world = try await RemoteWorld.make()
        let (_, resolver) = try world.youTubeTool()
        let ref = RemoteRef(provider: "youtube", id: "aaaaaaaaaa1")
        let url = world.mediaURL("aaaaaaaaaa1.m4a")
        _ = try await resolver.item(for: ref, url: url, timeout: .seconds(60), consume: false)
        let before = await resolver.pool.processIDs()
        #expect(!before.isEmpty)
        for pid in before { kill(pid, SIGKILL) }
        // At once: the request may reach the dead process, which the pool then replaces.
        let answer = try await resolver.item(for: ref, url: url, timeout: .seconds(60), consume: false, fresh: true)
        #expect(answer.item.info.id == "aaaaaaaaaa1")
        let after = await resolver.pool.processIDs()
        #expect(!after.isEmpty)
        #expect(Set(after).isDisjoint(with: before), "old \(before), now \(after)")
        for pid in before { #expect(await RemoteFixtures.waitUntilGone(group: pid).isEmpty) }
        await world.host.shutdown()
        for pid in after { #expect(await RemoteFixtures.waitUntilGone(group: pid).isEmpty, "shutdown stops the extractor") }
    }

    @Test("a request that hangs is stopped at its deadline with its process group; the next request gets a new process")
    func restartsAfterHang() async throws {
        let world = try await RemoteWorld.make()
        let (_, resolver) = try world.youTubeTool()
        try FileManager.default.copyItem(at: world.mediaFolder.appending("aaaaaaaaaa1.m4a"), to: world.mediaFolder.appending("hanghanghan.m4a"))
        world.media.setBehaviour(.neverAnswers, for: "hanghanghan.m4a")
        let ok = RemoteRef(provider: "youtube", id: "aaaaaaaaaa1")
        _ = try await resolver.item(for: ok, url: world.mediaURL("aaaaaaaaaa1.m4a"), timeout: .seconds(60), consume: false)
        let before = await resolver.pool.processIDs()

        let hanging = RemoteRef(provider: "youtube", id: "hanghanghan")
        do {
            _ = try await resolver.item(for: hanging, url: world.mediaURL("hanghanghan.m4a"), timeout: .seconds(2), consume: true)
            Issue.record("a request to a server that never answers was answered")
        } catch let failure as ExtractorProcess.Failure {
            if case .timedOut = failure {} else { Issue.record("expected a timeout, got \(failure)") }
        }
        #expect(world.media.requests(for: "hanghanghan.m4a") == 1, "the extractor was the one waiting")
        let stopped = Set(before).subtracting(await resolver.pool.processIDs())
        #expect(stopped.count == 1, "exactly the stuck process was stopped: before \(before)")
        for pid in stopped { #expect(await RemoteFixtures.waitUntilGone(group: pid).isEmpty) }

        let answer = try await resolver.item(for: ok, url: world.mediaURL("aaaaaaaaaa1.m4a"), timeout: .seconds(60), consume: false, fresh: true)
        #expect(answer.item.info.id == "aaaaaaaaaa1")
        #expect(Set(await resolver.pool.processIDs()).isDisjoint(with: stopped))
        await world.host.shutdown()
    }

    @Test("a play soon after a search streams from the URL its search prepared: no extractor request at play time")
    func playUsesPreparedURL() async throws {
        let world = try await RemoteWorld.make()
        let (_, resolver) = try world.youTubeTool()
        let track = try await world.youTubeTrack()
        await resolver.settled()
        let prepared = await resolver.pool.requestsSent
        #expect(prepared == 2, "the search's two YouTube hits were prepared")
        #expect(await resolver.isPrepared(track.ref))

        let file = try await world.host.streams.completeFile(trackID: track.id)
        let played = try await file.reader.read(at: 0, count: Int(file.size))
        #expect(played == (try world.mediaBytes("aaaaaaaaaa1.m4a")))
        #expect(await resolver.pool.requestsSent == prepared, "the play asked the extractor nothing")
        #expect(await resolver.isPrepared(track.ref) == false, "a play takes the prepared URL")
        // One request from the preparation (yt-dlp's look at the page), one from the download.
        #expect(world.media.requests(for: "aaaaaaaaaa1.m4a") == 2)
        await world.host.shutdown()
    }

    @Test("no preparation runs for a search whose hits are prepared already, or cached")
    func noPreparationWhenPreparedOrCached() async throws {
        let world = try await RemoteWorld.make()
        let (_, resolver) = try world.youTubeTool()
        _ = try await world.youTubeTrack()
        await resolver.settled()
        let first = await resolver.preparationsStarted
        #expect(first == 2)

        let again = try await world.youTubeTrack()
        await resolver.settled()
        #expect(await resolver.preparationsStarted == first, "both hits were prepared already")

        // Played, so cached on disk (and their prepared URLs used up).
        let other = try await world.youTubeTrack("bbbbbbbbbb2")
        for track in [again, other] { _ = try await world.host.streams.completeFile(trackID: track.id) }
        let sent = await resolver.pool.requestsSent
        _ = try await world.youTubeTrack()
        await resolver.settled()
        #expect(await resolver.preparationsStarted == first, "cached hits play from disk: nothing to prepare")
        #expect(await resolver.pool.requestsSent == sent)
        await world.host.shutdown()
    }

    @Test("a prepared URL the media host no longer serves is resolved afresh, once: the play is a 404")
    func stalePreparedURL() async throws {
        let world = try await RemoteWorld.make()
        let (_, resolver) = try world.youTubeTool()
        let track = try await world.youTubeTrack("bbbbbbbbbb2")
        await resolver.settled()
        #expect(await resolver.isPrepared(track.ref))
        let sent = await resolver.pool.requestsSent
        try FileManager.default.removeItem(at: world.mediaFolder.appending("bbbbbbbbbb2.m4a"))
        do {
            _ = try await world.host.streams.completeFile(trackID: track.id)
            Issue.record("a removed item played")
        } catch let error as HostError {
            if case .notFound = error {} else { Issue.record("expected not found, got \(error)") }
        }
        #expect(await resolver.pool.requestsSent == sent + 1, "one fresh resolve after the refused URL")
        await world.host.shutdown()
    }

    @Test("a format yt-dlp fetches in chunks is downloaded in ranges of that size, to the exact end")
    func chunkedDownload() async throws {
        let world = try await RemoteWorld.make()
        world.media.setBehaviour(.servesRanges, for: "aaaaaaaaaa1.m4a")
        let source = try world.mediaBytes("aaaaaaaaaa1.m4a")
        let chunk = 16 * 1024
        let media = ResolvedMedia(url: world.mediaURL("aaaaaaaaaa1.m4a"), headers: ["Accept-Encoding": "identity"], chunkSize: chunk)
        let ref = RemoteRef(provider: "youtube", id: "aaaaaaaaaa1")
        let received = try await world.bytes(of: .stream(
            contentType: "audio/mp4", expectedLength: nil,
            bytes: ByteRelay.stream { relay in try await MediaDownload.send(media, ref: ref, to: relay) }))
        #expect(received == source)
        let ranges = (source.count + chunk - 1) / chunk
        #expect(world.media.requests(for: "aaaaaaaaaa1.m4a") == ranges, "the total in Content-Range ends the loop")
        #expect(ranges > 1, "the fixture spans several chunks")
    }

    @Test("when the resident extractor cannot start, plays run the yt-dlp command")
    func fallsBackToTheCommand() async throws {
        let folder = try TemporaryFolder("fallback")
        // A wrapper of the yt-dlp in PATH (the project's .venv, as the tests run).
        let counting = try CountingCommand(wrapping: "yt-dlp", in: folder)
        let world = try await RemoteWorld.make(youTubeOptions: #""extractor_python": "/bin/false""#, youTubeYtDlp: counting.path)
        let (_, resolver) = try world.youTubeTool()
        let track = try await world.youTubeTrack()
        await resolver.settled()
        #expect(counting.runs == 0)
        let file = try await world.host.streams.completeFile(trackID: track.id)
        let played = try await file.reader.read(at: 0, count: Int(file.size))
        #expect(played == (try world.mediaBytes("aaaaaaaaaa1.m4a")))
        #expect(counting.runs == 1, "the play ran the command")
        await world.host.shutdown()
    }
}

@Suite("Resolved items kept for a play")
struct ResolvedMediaCacheTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func item(_ url: String) -> ExtractedItem {
        ExtractedItem(info: try! YtDlpInfo.decode(Array(#"{"id": "x"}"#.utf8)), media: ResolvedMedia(url: url))
    }

    @Test("an entry lives its lifetime, less when its URL expires sooner, and a play takes it")
    func lifetime() {
        var cache = ResolvedMediaCache(capacity: 4, lifetime: 120)
        let plain = RemoteRef(provider: "youtube", id: "a")
        let expiring = RemoteRef(provider: "youtube", id: "b")
        let expired = RemoteRef(provider: "youtube", id: "c")
        cache.insert(Self.item("https://host/a"), for: plain, at: Self.now)
        cache.insert(Self.item("https://host/b?expire=\(Int(Self.now.timeIntervalSince1970) + 90)&sig=1"), for: expiring, at: Self.now)
        cache.insert(Self.item("https://host/c?expire=\(Int(Self.now.timeIntervalSince1970) + 30)"), for: expired, at: Self.now)
        #expect(cache.contains(expired, at: Self.now) == false, "a URL that expires within the margin is not kept")
        #expect(cache.contains(expiring, at: Self.now.addingTimeInterval(29)))
        #expect(cache.contains(expiring, at: Self.now.addingTimeInterval(31)) == false, "a minute before its URL expires")
        #expect(cache.contains(plain, at: Self.now.addingTimeInterval(119)))
        #expect(cache.contains(plain, at: Self.now.addingTimeInterval(121)) == false)
        #expect(cache.take(plain, at: Self.now) != nil)
        #expect(cache.take(plain, at: Self.now) == nil, "taken once")
    }

    @Test("it is bounded: a new entry pushes out the one that expires soonest")
    func bounded() {
        var cache = ResolvedMediaCache(capacity: 2, lifetime: 120)
        let refs = (0..<3).map { RemoteRef(provider: "youtube", id: "r\($0)") }
        for (index, ref) in refs.enumerated() {
            cache.insert(Self.item("https://host/\(index)"), for: ref, at: Self.now.addingTimeInterval(Double(index)))
        }
        #expect(cache.count == 2)
        #expect(cache.contains(refs[0], at: Self.now) == false)
        #expect(cache.contains(refs[2], at: Self.now))
        #expect(ExtractedItem(info: Self.item("x").info, media: nil).media == nil)
        #expect(cache.expiry(of: ExtractedItem(info: Self.item("x").info, media: nil), at: Self.now) == nil, "nothing to keep without a URL")
    }

    @Test("Content-Range is read as yt-dlp's downloader reads it", arguments: [
        ("bytes 0-9/100", 10, 100), ("bytes 10-19/*", 10, nil), ("bytes 5-4/10", nil, nil), ("items 0-1/2", nil, nil), ("bytes x-1/2", nil, nil),
    ] as [(String, Int?, Int?)])
    func contentRange(value: String, length: Int?, total: Int?) {
        let parsed = MediaDownload.parseContentRange(value)
        #expect(parsed?.length == length)
        #expect(parsed?.total == total)
    }

    @Test("the extractor runs under yt-dlp's own interpreter, and only for yt-dlp itself")
    func interpreter() throws {
        let folder = try TemporaryFolder("shebang")
        func script(_ text: [UInt8]) throws -> String {
            let file = folder.appending("yt-dlp-\(UUID().uuidString.prefix(6))")
            try Data(text).write(to: file)
            return file.path
        }
        let entryPoint = "import re\nimport sys\nfrom yt_dlp import main\nsys.exit(main())\n"
        let options = ResidentExtractorOptions()
        #expect(options.interpreter(for: try script(Array("#!/opt/venv/bin/python3\n\(entryPoint)".utf8))) == "/opt/venv/bin/python3")
        #expect(options.interpreter(for: try script(Array("#!/usr/bin/env python3\n".utf8) + [0x50, 0x4B, 0x03, 0x04, 0, 0])) == "python3",
                "the release zipapp")
        #expect(options.interpreter(for: try script(Array("#!/bin/sh\nexec yt-dlp \"$@\"\n".utf8))) == nil, "a wrapper is not yt-dlp")
        #expect(options.interpreter(for: try script(Array("#!/usr/bin/env python3\nprint('not yt-dlp')\n".utf8))) == nil, "a stand-in")
        #expect(options.interpreter(for: "/nonexistent/yt-dlp") == nil)
        #expect(options.interpreter(for: RemoteFixtures.ytDlp) != nil, "the project's own yt-dlp")
        #expect(ResidentExtractorOptions(python: "/x/python").interpreter(for: try script(Array("#!/bin/sh\n".utf8))) == "/x/python",
                "an explicit interpreter is the admin's word")
    }
}
