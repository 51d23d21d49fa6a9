// The TagLib side of CTagLib.h. One function per question, no state, thread-safe as long
// as two threads do not open the same TagLib::File object (each call opens its own).
#include "CTagLib.h"

#include <cstdlib>
#include <cstring>
#include <string>

#include <taglib/fileref.h>
#include <taglib/tag.h>
#include <taglib/tpropertymap.h>
#include <taglib/mpegfile.h>
#include <taglib/id3v2tag.h>
#include <taglib/attachedpictureframe.h>
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
