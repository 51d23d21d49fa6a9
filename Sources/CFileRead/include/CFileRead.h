// Reading a file without ever blocking on the disk, which Swift's Glibc module cannot do
// (preadv2 and RWF_NOWAIT need _GNU_SOURCE).
#ifndef MYSPOTIFY_CFILEREAD_H
#define MYSPOTIFY_CFILEREAD_H

#include <stddef.h>
#include <sys/types.h>

/// Reads up to `count` bytes at `offset` only as far as they are in the page cache:
/// returns the bytes read (0 at the end of the file), or -1 with errno EAGAIN when the
/// first byte would have to come from the disk (or another errno, EOPNOTSUPP where the
/// kernel or file system cannot tell). Never waits for the disk.
ssize_t ms_pread_cached(int descriptor, void *buffer, size_t count, off_t offset);

#endif
