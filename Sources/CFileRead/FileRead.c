#define _GNU_SOURCE
#include "CFileRead.h"

#include <errno.h>
#include <sys/uio.h>

ssize_t ms_pread_cached(int descriptor, void *buffer, size_t count, off_t offset) {
#if defined(__linux__) && defined(RWF_NOWAIT)
    struct iovec vector = { .iov_base = buffer, .iov_len = count };
    return preadv2(descriptor, &vector, 1, offset, RWF_NOWAIT);
#else
    (void)descriptor; (void)buffer; (void)count; (void)offset;
    errno = EOPNOTSUPP;
    return -1;
#endif
}
