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

/// Frees memory returned by this library.
void ms_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
