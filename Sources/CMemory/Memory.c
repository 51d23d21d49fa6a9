#include "CMemory.h"

// A libc header first: it is what defines __GLIBC__ (through <features.h>). Without one
// the checks below are false even on glibc, and both functions silently do nothing.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void ms_limit_malloc_arenas(int count) {
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, count);
#else
    (void)count;
#endif
}

void ms_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
