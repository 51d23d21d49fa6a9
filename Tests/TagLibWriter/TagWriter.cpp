// The TagLib side of CTagLibWriter.h.
#include "CTagLibWriter.h"

#include <taglib/id3v2tag.h>
#include <taglib/mpegfile.h>
#include <taglib/synchronizedlyricsframe.h>
#include <taglib/unsynchronizedlyricsframe.h>

extern "C" int tw_add_unsynced_lyrics(const char *path, const char *language, const char *text) {
    TagLib::MPEG::File file(path);
    if (!file.isValid()) return 0;
    auto frame = new TagLib::ID3v2::UnsynchronizedLyricsFrame(TagLib::String::UTF8);
    frame->setLanguage(TagLib::ByteVector(language, 3));
    frame->setText(TagLib::String(text, TagLib::String::UTF8));
    file.ID3v2Tag(true)->addFrame(frame);
    return file.save() ? 1 : 0;
}

extern "C" int tw_add_synced_lyrics(const char *path, const char *language, const unsigned int *times, const char *const *texts,
                                    size_t count, int mpeg_frames) {
    TagLib::MPEG::File file(path);
    if (!file.isValid()) return 0;
    auto frame = new TagLib::ID3v2::SynchronizedLyricsFrame(TagLib::String::UTF8);
    frame->setLanguage(TagLib::ByteVector(language, 3));
    frame->setType(TagLib::ID3v2::SynchronizedLyricsFrame::Lyrics);
    frame->setTimestampFormat(mpeg_frames ? TagLib::ID3v2::SynchronizedLyricsFrame::AbsoluteMpegFrames
                                          : TagLib::ID3v2::SynchronizedLyricsFrame::AbsoluteMilliseconds);
    TagLib::ID3v2::SynchronizedLyricsFrame::SynchedTextList lines;
    for (size_t index = 0; index < count; index++) {
        lines.append(TagLib::ID3v2::SynchronizedLyricsFrame::SynchedText(times[index], TagLib::String(texts[index], TagLib::String::UTF8)));
    }
    frame->setSynchedText(lines);
    file.ID3v2Tag(true)->addFrame(frame);
    return file.save() ? 1 : 0;
}
