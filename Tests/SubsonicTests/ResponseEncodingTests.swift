import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Subsonic
import Testing

/// The one response model, written as XML and JSON the way the apps parse them.
@Suite("Subsonic answers in XML, JSON and JSONP")
struct ResponseEncodingTests {
    static let hostile = "Tom & \"Jerry\" <b>'s</b>\u{0}\u{7}\ttab\nline</script>\u{2028}🎵"

    static func sample() -> SubsonicEnvelope {
        let song = SubsonicElement("song").with {
            $0.set("id", "5f1c")
            $0.set("isDir", false)
            $0.set("title", Self.hostile)
            $0.set("duration", 215)
            $0.set("size", Int64(8_421_341_000))
            $0.set(int32: "playCount", Int(Int32.max) + 10)
            $0.set("album", nil as String?)
            $0.set("created", Date(timeIntervalSince1970: 1_704_164_645.25))
        }
        let genre = SubsonicElement("genre").with {
            $0.set("songCount", 3)
            $0.setText("Rock & Roll")
        }
        let answer = SubsonicElement("searchResult3").with {
            $0.append(list: "song", [song])
            $0.append(list: "album", [])
        }
        let genres = SubsonicElement("genres").with { $0.append(list: "genre", [genre]) }
        return SubsonicEnvelope(serverVersion: "1.0", failure: nil, payload: [.single(answer), .single(genres)])
    }

    @Test("JSON: the envelope's fields, lists as arrays even of one, empty lists as [], no nulls, typed numbers")
    func json() throws {
        let (body, type) = Self.sample().encoded(as: .json)
        #expect(type == "application/json; charset=utf-8")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let response = try #require(root["subsonic-response"] as? [String: Any])
        #expect(response["status"] as? String == "ok")
        #expect(response["version"] as? String == "1.16.1")
        #expect(response["openSubsonic"] as? Bool == true)
        #expect(response["type"] as? String == "MySpotify")
        let result = try #require(response["searchResult3"] as? [String: Any])
        let songs = try #require(result["song"] as? [[String: Any]], "one song is still an array")
        #expect((result["album"] as? [Any])?.isEmpty == true, "an empty list is []")
        let song = try #require(songs.first)
        #expect(song["id"] as? String == "5f1c", "ids are strings")
        #expect(song["title"] as? String == Self.hostile, "JSON carries any text, control characters escaped")
        #expect(song["duration"] as? Int == 215)
        #expect(song["size"] as? Int == 8_421_341_000)
        #expect(song["playCount"] as? Int == Int(Int32.max), "an int of the schema fits in 32 bits")
        #expect(song["isDir"] as? Bool == false)
        #expect(song["created"] as? String == "2024-01-02T03:04:05.250Z")
        #expect(song.keys.contains("album") == false, "absent values are left out")
        #expect(!body.contains("null"))
        #expect(!body.contains("</script>"), "a JSONP answer must not close the script it sits in")
        let genre = try #require((response["genres"] as? [String: Any])?["genre"] as? [[String: Any]])
        #expect(genre.first?["value"] as? String == "Rock & Roll")
    }

    @Test("XML: well-formed with hostile text, attributes for values, text content for genres")
    func xml() throws {
        let (body, type) = Self.sample().encoded(as: .xml)
        #expect(type == "application/xml; charset=utf-8")
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(body.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "") in \(body)")
        #expect(collector.namespaces.allSatisfy { $0 == "http://subsonic.org/restapi" })
        let song = try #require(collector.elements.first { $0.name == "song" })
        #expect(song.attributes["title"]?.hasPrefix("Tom & \"Jerry\" <b>'s</b>") == true)
        #expect(song.attributes["title"]?.contains("\ttab\nline") == true, "tabs and line breaks survive")
        #expect(song.attributes["isDir"] == "false")
        #expect(song.attributes["album"] == nil)
        #expect(collector.elements.first { $0.name == "subsonic-response" }?.attributes["status"] == "ok")
        #expect(collector.text["genre"] == "Rock & Roll")
        #expect(!collector.elements.contains { $0.name == "album" }, "an empty list writes nothing")
    }

    @Test("JSONP wraps the JSON in the callback, and only a plain JavaScript name is accepted as one")
    func jsonp() throws {
        let format = try SubsonicFormat(f: "jsonp", callback: "app.onAnswer")
        let (body, type) = Self.sample().encoded(as: format)
        #expect(type == "application/javascript; charset=utf-8")
        #expect(body.hasPrefix("app.onAnswer({\"subsonic-response\":"))
        #expect(body.hasSuffix("});"))
        for hostile in ["alert(1)//", "a;b", "x y", "", "1abc", "a..b", "<script>"] {
            #expect(throws: SubsonicError.self, "\(hostile)") { try SubsonicFormat(f: "jsonp", callback: hostile) }
        }
        #expect(try SubsonicFormat(f: nil, callback: nil) == .xml, "no f is XML (DSub)")
        #expect(try SubsonicFormat(f: "JSON", callback: nil) == .json)
    }

    @Test("a failed answer carries the error's code and message, with HTTP 200 left to the route")
    func failure() throws {
        let envelope = SubsonicEnvelope.failed(SubsonicError(.notFound, "Playlist not found"), serverVersion: "1.0")
        let (body, _) = envelope.encoded(as: .json)
        let response = try #require((try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["subsonic-response"] as? [String: Any])
        #expect(response["status"] as? String == "failed")
        let error = try #require(response["error"] as? [String: Any])
        #expect(error["code"] as? Int == 70)
        #expect(error["message"] as? String == "Playlist not found")
    }
}

/// Collects what an XML parser saw, to check a written answer.
final class ElementCollector: NSObject, XMLParserDelegate, @unchecked Sendable {
    var elements: [(name: String, attributes: [String: String])] = []
    var namespaces: [String] = []
    var text: [String: String] = [:]
    private var current: String?

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append((name, attributes))
        if let namespaceURI { namespaces.append(namespaceURI) }
        current = name
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current { text[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        current = nil
    }
}
