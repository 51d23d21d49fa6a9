// glibc's malloc controls, which Swift's Glibc module does not export (they live in
// <malloc.h>). Both are no-ops on other C libraries.
#ifndef MYSPOTIFY_CMEMORY_H
#define MYSPOTIFY_CMEMORY_H

/// Limits the number of malloc arenas (glibc keeps up to 8 per core otherwise).
void ms_limit_malloc_arenas(int count);

/// Returns freed heap pages to the system.
void ms_release_free_memory(void);

#endif
