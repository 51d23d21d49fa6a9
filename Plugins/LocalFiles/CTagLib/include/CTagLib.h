// A plain C view of the few TagLib calls MySpotify needs. Swift sees only this header,
// so the package builds without C++ interoperability.
#ifndef MYSPOTIFY_CTAGLIB_H
#define MYSPOTIFY_CTAGLIB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Tags and audio properties of one file. Strings are UTF-8, malloc'ed, NULL when absent.
typedef struct ms_tags {
    char *title;
    char *artist;
    char *album;
    char *album_artist;
    char *genre;
    int year;          ///< 0 when absent
    int track_number;  ///< 0 when absent
    int disc_number;   ///< 0 when absent
    int duration_ms;   ///< 0 when unknown
    int bitrate_kbps;  ///< 0 when unknown
    int has_cover;     ///< 1 when the file embeds a picture
} ms_tags;

typedef enum ms_status {
    MS_OK = 0,
    /// TagLib does not recognise the file (unknown type, empty, unreadable).
    MS_NOT_AUDIO = 1,
    /// The type is known but the content is not valid audio.
    MS_INVALID = 2,
} ms_status;

/// Reads the tags of `path` into `out`. On anything but MS_OK, `out` holds no strings.
ms_status ms_read_tags(const char *path, ms_tags *out);

/// Frees the strings of `tags` (not `tags` itself).
void ms_tags_free(ms_tags *tags);

/// The first embedded picture of `path`, malloc'ed, or NULL (also when it is larger than
/// `max_length` bytes). `*length` gets its size. The picture's declared MIME type is not
/// returned: callers must judge the bytes.
unsigned char *ms_read_cover(const char *path, size_t max_length, size_t *length);

/// One timed line of synchronised lyrics (an ID3v2 SYLT entry).
typedef struct ms_lyrics_line {
    unsigned int start_ms;
    char *text;  ///< UTF-8, malloc'ed, never NULL
} ms_lyrics_line;

/// One set of embedded lyrics: either a text (USLT, Xiph LYRICS/UNSYNCEDLYRICS, MP4 ©lyr),
/// which may itself be LRC, or timed lines (SYLT).
typedef struct ms_lyrics_entry {
    int synced;             ///< 1: `lines` holds timed lines; 0: `text` holds the text
    char language[4];       ///< the frame's 3-letter language code as written, "" when none
    char *text;             ///< UTF-8, malloc'ed; NULL for a synced entry
    ms_lyrics_line *lines;  ///< malloc'ed, `line_count` of them; NULL for an unsynced entry
    size_t line_count;
} ms_lyrics_entry;

/// The embedded lyrics of a file.
typedef struct ms_lyrics {
    ms_lyrics_entry *entries;  ///< malloc'ed, `count` of them, NULL when none
    size_t count;
} ms_lyrics;

/// Reads the lyrics embedded in `path` into `out`. At most `max_bytes` of text in all are
/// kept (an entry that would pass it is left out, a SYLT frame is cut at it) and at most
/// `max_lines` timed lines per entry. MS_OK also when the file has none.
ms_status ms_read_lyrics(const char *path, size_t max_bytes, size_t max_lines, ms_lyrics *out);

/// Frees what `ms_read_lyrics` put in `lyrics` (not `lyrics` itself).
void ms_lyrics_free(ms_lyrics *lyrics);

/// Frees memory returned by this library.
void ms_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
