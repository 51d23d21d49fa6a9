import Foundation
@testable import LocalFiles
import SourceAPI
import Testing

/// LRC text as people and tools write it, and as a hostile file might.
@Suite("Parsing LRC lyrics")
struct LRCParserTests {
    func parse(_ text: String) throws -> Lyrics {
        try #require(LRCParser.parse(text, origin: .sidecar))
    }

    func starts(_ lyrics: Lyrics) -> [Int?] { lyrics.lines.map(\.start) }
    func texts(_ lyrics: Lyrics) -> [String] { lyrics.lines.map(\.text) }

    @Test("several stamps before a line repeat it at each time, and the lines come in time order")
    func severalStamps() throws {
        let lyrics = try parse("""
            [00:01.00]First
            [00:10.50][00:30.25] [01:02.00]Chorus
            [00:20.00]Verse
            """)
        #expect(lyrics.isSynced)
        #expect(starts(lyrics) == [1_000, 10_500, 20_000, 30_250, 62_000])
        #expect(texts(lyrics) == ["First", "Chorus", "Verse", "Chorus", "Chorus"])
    }

    @Test("stamps of tenths, hundredths and milliseconds, without a fraction, with a colon, and of long minutes")
    func stampForms() throws {
        let lyrics = try parse("[00:01.5]a\n[00:02.05]b\n[00:03.005]c\n[00:04]d\n[00:05:20]e\n[100:00.00]f")
        #expect(starts(lyrics) == [1_500, 2_050, 3_005, 4_000, 5_200, 6_000_000])
    }

    @Test("[offset:] is read with its sign; metadata tags are skipped; the language tag is kept")
    func offsetAndTags() throws {
        let ahead = try parse("[ar:Someone]\n[ti:Song]\n[al:Album]\n[by:me]\n[length: 03:20]\n[offset:+250]\n[la:ENG]\n[00:01.00]Hello")
        #expect(ahead.offsetMilliseconds == 250)
        #expect(ahead.language == "eng")
        #expect(texts(ahead) == ["Hello"])
        #expect(try parse("[offset:-1200]\n[00:01.00]x").offsetMilliseconds == -1_200)
        // Not a correction of timing: left at 0.
        #expect(try parse("[offset:99999999]\n[00:01.00]x").offsetMilliseconds == 0)
        #expect(try parse("[offset:soon]\n[00:01.00]x").offsetMilliseconds == 0)
        #expect(try parse("[la:xxx]\n[00:01.00]x").language == nil)
    }

    @Test("bad lines in a synced file are left out: unstamped text, impossible stamps, broken brackets")
    func badLines() throws {
        let lyrics = try parse("""
            just some words
            [00:61.00]sixty-one seconds
            [aa:bb]letters
            [00:01.00]Good
            [00:02.0000]four digits
            [00:02.
            [00:03.00
            ]
            [00:04.00]Also good
            """)
        #expect(texts(lyrics) == ["Good", "Also good"])
        #expect(starts(lyrics) == [1_000, 4_000])
    }

    @Test("a byte order mark, CR LF and lone CR line breaks")
    func lineBreaks() throws {
        let lyrics = try parse("\u{FEFF}[00:01.00]One\r\n[00:02.00]Two\r[00:03.00]Three\n\r\n[00:04.00]Four")
        #expect(texts(lyrics) == ["One", "Two", "Three", "Four"])
        let plain = try parse("\u{FEFF}One\r\nTwo\r\n\r\nThree\r\n")
        #expect(!plain.isSynced)
        #expect(texts(plain) == ["One", "Two", "", "Three"])
    }

    @Test("a stamp with no words keeps an empty line (a pause); a stamped line keeps inner words in order")
    func emptyStampedLine() throws {
        let lyrics = try parse("[00:01.00]Sing\n[00:05.00]\n[00:09.00]Again")
        #expect(texts(lyrics) == ["Sing", "", "Again"])
    }

    @Test("text without stamps is plain lyrics: blank lines around it dropped, stanza breaks kept, [Chorus] kept")
    func plainText() throws {
        let lyrics = try parse("\n\n[Chorus]\nLa la\n\n[Verse 1: Someone]\nDum\n\n")
        #expect(!lyrics.isSynced)
        #expect(starts(lyrics) == [nil, nil, nil, nil, nil])
        #expect(texts(lyrics) == ["[Chorus]", "La la", "", "[Verse 1: Someone]", "Dum"])
        #expect(LRCParser.parse("\n  \n\t\n", origin: .sidecar) == nil)
        #expect(LRCParser.parse("[ar:Only tags]\n[ti:Nothing else]", origin: .sidecar) == nil)
    }

    @Test("control characters go, tabs become spaces, and enhanced LRC's word stamps are removed")
    func hostileCharacters() throws {
        let lyrics = try parse("[00:01.00]Bell\u{07}\u{1B}[31m red\u{7F}\u{85}\tend\n[00:02.00]<00:02.00>Word <00:02.50>by <00:03.00>word <not a stamp>")
        #expect(texts(lyrics) == ["Bell[31m red end", "Word by word <not a stamp>"])
    }

    @Test("bytes that are not UTF-8 are replaced, not refused")
    func invalidUTF8() throws {
        // "[00:01.00]Caf" + Latin-1 é + "\n[00:02.00]ok"
        let bytes: [UInt8] = Array("[00:01.00]Caf".utf8) + [0xE9] + Array("\n[00:02.00]ok".utf8)
        let lyrics = try parse(LyricsText.decode(bytes))
        #expect(texts(lyrics) == ["Caf\u{FFFD}", "ok"])
    }

    @Test("bounded: at most 5,000 lines, 100 stamps a line, 1,000 characters a line")
    func bounds() throws {
        let manyStamps = String(repeating: "[00:01.00]", count: 150) + "x"
        #expect(try parse(manyStamps).lines.count == LRCParser.maximumStampsPerLine)
        let manyLines = (0..<60).map { _ in String(repeating: "[00:01.00]", count: 100) + "x" }.joined(separator: "\n")
        #expect(try parse(manyLines).lines.count == LyricsText.maximumLines)
        let long = try parse("[00:01.00]" + String(repeating: "é", count: 5_000))
        // The line is cut before its stamp is read: the stamp counts.
        #expect(long.lines.first?.text.count == LyricsText.maximumLineLength - "[00:01.00]".count)
        // Many brackets and no stamp: scanned once, not read as anything.
        let brackets = String(repeating: "[", count: 100_000)
        #expect(try parse(brackets + "\nwords").lines.map(\.text) == [String(brackets.prefix(LyricsText.maximumLineLength)), "words"])
    }
}
