// Test fixtures only: writes lyrics frames into MP3 files with TagLib, which ffmpeg cannot
// (it writes a TXXX frame for `lyrics`, never USLT or SYLT).
#ifndef MYSPOTIFY_CTAGLIBWRITER_H
#define MYSPOTIFY_CTAGLIBWRITER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Adds a USLT frame (`language`: 3 letters) holding `text` to the MP3 at `path`. 1 on success.
int tw_add_unsynced_lyrics(const char *path, const char *language, const char *text);

/// Adds a SYLT frame of `count` lines, `times[i]` milliseconds (or MPEG frames when
/// `mpeg_frames` is 1) and `texts[i]` each, to the MP3 at `path`. 1 on success.
int tw_add_synced_lyrics(const char *path, const char *language, const unsigned int *times, const char *const *texts,
                         size_t count, int mpeg_frames);

#ifdef __cplusplus
}
#endif

#endif
