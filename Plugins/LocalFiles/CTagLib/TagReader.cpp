// The TagLib side of CTagLib.h. One function per question, no state, thread-safe as long
// as two threads do not open the same TagLib::File object (each call opens its own).
#include "CTagLib.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <taglib/fileref.h>
#include <taglib/tag.h>
#include <taglib/tpropertymap.h>
#include <taglib/mpegfile.h>
#include <taglib/id3v2tag.h>
#include <taglib/attachedpictureframe.h>
#include <taglib/unsynchronizedlyricsframe.h>
#include <taglib/synchronizedlyricsframe.h>
#include <taglib/textidentificationframe.h>
#include <taglib/wavfile.h>
#include <taglib/flacfile.h>
#include <taglib/flacpicture.h>
#include <taglib/mp4file.h>
#include <taglib/mp4tag.h>
#include <taglib/mp4coverart.h>
#include <taglib/vorbisfile.h>
#include <taglib/opusfile.h>
#include <taglib/xiphcomment.h>

namespace {

char *copyString(const TagLib::String &value) {
    if (value.isEmpty()) return nullptr;
    std::string utf8 = value.to8Bit(true);
    // Trim surrounding white space: tags often carry padding.
    size_t start = utf8.find_first_not_of(" \t\r\n");
    if (start == std::string::npos) return nullptr;
    size_t end = utf8.find_last_not_of(" \t\r\n");
    utf8 = utf8.substr(start, end - start + 1);
    return strdup(utf8.c_str());
}

char *firstProperty(const TagLib::PropertyMap &properties, const char *key) {
    auto found = properties.find(key);
    if (found == properties.end() || found->second.isEmpty()) return nullptr;
    return copyString(found->second.front());
}

/// "3/12" -> 3; "" -> 0.
int leadingNumber(const TagLib::PropertyMap &properties, const char *key) {
    auto found = properties.find(key);
    if (found == properties.end() || found->second.isEmpty()) return 0;
    std::string text = found->second.front().to8Bit(true);
    return std::atoi(text.c_str());
}

TagLib::Ogg::XiphComment *xiphComment(TagLib::File *file) {
    if (auto vorbis = dynamic_cast<TagLib::Ogg::Vorbis::File *>(file)) return vorbis->tag();
    if (auto opus = dynamic_cast<TagLib::Ogg::Opus::File *>(file)) return opus->tag();
    return nullptr;
}

/// Calls `found(data, mime)` with the first embedded picture; returns whether there was one.
template <typename Found>
bool firstPicture(TagLib::File *file, Found found) {
    if (auto mpeg = dynamic_cast<TagLib::MPEG::File *>(file)) {
        if (!mpeg->hasID3v2Tag()) return false;
        const auto &frames = mpeg->ID3v2Tag()->frameListMap()["APIC"];
        for (auto frame : frames) {
            if (auto picture = dynamic_cast<TagLib::ID3v2::AttachedPictureFrame *>(frame)) {
                found(picture->picture(), picture->mimeType());
                return true;
            }
        }
        return false;
    }
    if (auto flac = dynamic_cast<TagLib::FLAC::File *>(file)) {
        auto pictures = flac->pictureList();
        if (pictures.isEmpty()) return false;
        found(pictures.front()->data(), pictures.front()->mimeType());
        return true;
    }
    if (auto mp4 = dynamic_cast<TagLib::MP4::File *>(file)) {
        auto tag = mp4->tag();
        if (!tag || !tag->contains("covr")) return false;
        auto covers = tag->item("covr").toCoverArtList();
        if (covers.isEmpty()) return false;
        auto cover = covers.front();
        found(cover.data(), cover.format() == TagLib::MP4::CoverArt::PNG ? TagLib::String("image/png")
                                                                         : TagLib::String("image/jpeg"));
        return true;
    }
    if (auto comment = xiphComment(file)) {
        auto pictures = comment->pictureList();
        if (pictures.isEmpty()) return false;
        found(pictures.front()->data(), pictures.front()->mimeType());
        return true;
    }
    return false;
}

/// Gathers lyrics entries within a byte budget, then hands them to C as one array.
class LyricsCollector {
public:
    LyricsCollector(size_t maxBytes, size_t maxLines) : remaining(maxBytes), maxLines(maxLines) {}

    /// Frees what was not released (a failed allocation in `release`).
    ~LyricsCollector() {
        ms_lyrics pending = {entries.data(), entries.size()};
        freeEntries(pending);
    }

    void addText(const TagLib::String &text, const TagLib::ByteVector &language) {
        std::string utf8 = text.to8Bit(true);
        if (utf8.find_first_not_of(" \t\r\n") == std::string::npos || utf8.size() > remaining) return;
        ms_lyrics_entry entry = {};
        entry.text = strdup(utf8.c_str());
        if (!entry.text) return;
        remaining -= utf8.size();
        setLanguage(entry, language);
        entries.push_back(entry);
    }

    void addSynced(const TagLib::ID3v2::SynchronizedLyricsFrame::SynchedTextList &list, const TagLib::ByteVector &language) {
        std::vector<ms_lyrics_line> lines;
        for (const auto &item : list) {
            if (lines.size() >= maxLines) break;
            std::string utf8 = item.text.to8Bit(true);
            if (utf8.size() > remaining) break;
            char *text = strdup(utf8.c_str());
            if (!text) break;
            remaining -= utf8.size();
            lines.push_back({item.time, text});
        }
        if (lines.empty()) return;
        ms_lyrics_entry entry = {};
        entry.synced = 1;
        entry.lines = static_cast<ms_lyrics_line *>(std::malloc(lines.size() * sizeof(ms_lyrics_line)));
        if (!entry.lines) {
            for (auto &line : lines) std::free(line.text);
            return;
        }
        std::memcpy(entry.lines, lines.data(), lines.size() * sizeof(ms_lyrics_line));
        entry.line_count = lines.size();
        setLanguage(entry, language);
        entries.push_back(entry);
    }

    /// Moves the entries into `out`; the collector keeps none.
    void release(ms_lyrics *out) {
        if (entries.empty()) return;
        out->entries = static_cast<ms_lyrics_entry *>(std::malloc(entries.size() * sizeof(ms_lyrics_entry)));
        if (!out->entries) return;
        std::memcpy(out->entries, entries.data(), entries.size() * sizeof(ms_lyrics_entry));
        out->count = entries.size();
        entries.clear();
    }

    static void freeEntries(ms_lyrics &lyrics) {
        for (size_t index = 0; index < lyrics.count; index++) {
            auto &entry = lyrics.entries[index];
            std::free(entry.text);
            for (size_t line = 0; line < entry.line_count; line++) std::free(entry.lines[line].text);
            std::free(entry.lines);
        }
    }

private:
    static void setLanguage(ms_lyrics_entry &entry, const TagLib::ByteVector &language) {
        std::memset(entry.language, 0, sizeof(entry.language));
        for (unsigned int index = 0; index < 3 && index < language.size(); index++) entry.language[index] = language[index];
    }

    std::vector<ms_lyrics_entry> entries;
    size_t remaining;
    size_t maxLines;
};

/// USLT and SYLT frames (only SYLT timed in milliseconds: MPEG-frame stamps would need the
/// stream's frame length, and taggers write milliseconds), and the TXXX frames some tools
/// write instead of USLT: foobar2000's UNSYNCEDLYRICS, ffmpeg's USLT (its `lyrics` key).
void collectID3v2Lyrics(TagLib::ID3v2::Tag *tag, LyricsCollector &collector) {
    if (!tag) return;
    for (auto frame : tag->frameListMap()["USLT"]) {
        if (auto lyrics = dynamic_cast<TagLib::ID3v2::UnsynchronizedLyricsFrame *>(frame)) {
            collector.addText(lyrics->text(), lyrics->language());
        }
    }
    for (auto frame : tag->frameListMap()["TXXX"]) {
        auto text = dynamic_cast<TagLib::ID3v2::UserTextIdentificationFrame *>(frame);
        if (!text) continue;
        TagLib::String name = text->description().upper();
        if (name != "LYRICS" && name != "UNSYNCEDLYRICS" && name != "USLT") continue;
        TagLib::StringList fields = text->fieldList();
        // TagLib puts the description first among the fields.
        bool first = true;
        for (const auto &field : fields) {
            if (first && field == text->description()) {
                first = false;
                continue;
            }
            first = false;
            collector.addText(field, TagLib::ByteVector());
        }
    }
    for (auto frame : tag->frameListMap()["SYLT"]) {
        auto lyrics = dynamic_cast<TagLib::ID3v2::SynchronizedLyricsFrame *>(frame);
        if (!lyrics || lyrics->timestampFormat() != TagLib::ID3v2::SynchronizedLyricsFrame::AbsoluteMilliseconds) continue;
        if (lyrics->type() != TagLib::ID3v2::SynchronizedLyricsFrame::Lyrics &&
            lyrics->type() != TagLib::ID3v2::SynchronizedLyricsFrame::Other) continue;
        collector.addSynced(lyrics->synchedText(), lyrics->language());
    }
}

} // namespace

extern "C" ms_status ms_read_tags(const char *path, ms_tags *out) {
    std::memset(out, 0, sizeof(ms_tags));
    TagLib::FileRef ref(path, true, TagLib::AudioProperties::Average);
    if (ref.isNull() || !ref.file()) return MS_NOT_AUDIO;
    if (!ref.file()->isValid()) return MS_INVALID;
    auto properties = ref.audioProperties();
    // A file with no playable length is not audio we can serve (a corrupt file can still
    // carry a recognisable header).
    if (!properties || properties->lengthInMilliseconds() <= 0) return MS_INVALID;

    out->duration_ms = properties->lengthInMilliseconds();
    out->bitrate_kbps = properties->bitrate();

    TagLib::PropertyMap map = ref.file()->properties();
    out->title = firstProperty(map, "TITLE");
    out->artist = firstProperty(map, "ARTIST");
    out->album = firstProperty(map, "ALBUM");
    out->album_artist = firstProperty(map, "ALBUMARTIST");
    out->genre = firstProperty(map, "GENRE");
    out->year = ref.tag() ? static_cast<int>(ref.tag()->year()) : 0;
    if (out->year == 0) out->year = leadingNumber(map, "DATE");
    out->track_number = leadingNumber(map, "TRACKNUMBER");
    out->disc_number = leadingNumber(map, "DISCNUMBER");
    out->has_cover = firstPicture(ref.file(), [](const TagLib::ByteVector &, const TagLib::String &) {}) ? 1 : 0;
    return MS_OK;
}

extern "C" void ms_tags_free(ms_tags *tags) {
    std::free(tags->title);
    std::free(tags->artist);
    std::free(tags->album);
    std::free(tags->album_artist);
    std::free(tags->genre);
    std::memset(tags, 0, sizeof(ms_tags));
}

extern "C" unsigned char *ms_read_cover(const char *path, size_t max_length, size_t *length) {
    *length = 0;
    TagLib::FileRef ref(path, false);
    if (ref.isNull() || !ref.file() || !ref.file()->isValid()) return nullptr;
    unsigned char *result = nullptr;
    firstPicture(ref.file(), [&](const TagLib::ByteVector &data, const TagLib::String &) {
        if (data.isEmpty() || data.size() > max_length) return;
        result = static_cast<unsigned char *>(std::malloc(data.size()));
        if (!result) return;
        std::memcpy(result, data.data(), data.size());
        *length = data.size();
    });
    return result;
}

extern "C" void ms_free(void *pointer) { std::free(pointer); }

extern "C" ms_status ms_read_lyrics(const char *path, size_t max_bytes, size_t max_lines, ms_lyrics *out) {
    std::memset(out, 0, sizeof(ms_lyrics));
    TagLib::FileRef ref(path, false);
    if (ref.isNull() || !ref.file()) return MS_NOT_AUDIO;
    if (!ref.file()->isValid()) return MS_INVALID;
    LyricsCollector collector(max_bytes, max_lines);
    TagLib::ID3v2::Tag *id3v2 = nullptr;
    if (auto mpeg = dynamic_cast<TagLib::MPEG::File *>(ref.file())) {
        if (mpeg->hasID3v2Tag()) id3v2 = mpeg->ID3v2Tag();
    } else if (auto wav = dynamic_cast<TagLib::RIFF::WAV::File *>(ref.file())) {
        if (wav->hasID3v2Tag()) id3v2 = wav->ID3v2Tag();
    }
    if (id3v2) {
        // The frames themselves, for the language the property map leaves out.
        collectID3v2Lyrics(id3v2, collector);
    } else {
        // Xiph comments (FLAC, Ogg) and MP4's ©lyr come through the property map as
        // LYRICS; some taggers write Xiph's UNSYNCEDLYRICS instead.
        TagLib::PropertyMap map = ref.file()->properties();
        for (const char *key : {"LYRICS", "UNSYNCEDLYRICS"}) {
            auto found = map.find(key);
            if (found == map.end()) continue;
            for (const auto &value : found->second) collector.addText(value, TagLib::ByteVector());
        }
    }
    collector.release(out);
    return MS_OK;
}

extern "C" void ms_lyrics_free(ms_lyrics *lyrics) {
    LyricsCollector::freeEntries(*lyrics);
    std::free(lyrics->entries);
    std::memset(lyrics, 0, sizeof(ms_lyrics));
}
